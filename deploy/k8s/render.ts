import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { z } from "zod";

/**
 * A small stand-in for `kustomize build`, enough for these manifests and nothing more:
 * resources (files and nested kustomizations), namespace, common labels, image
 * replacement and strategic-merge patches (lists of named objects merge by name, other
 * lists are replaced, as kustomize does for containers, ports and NetworkPolicy rules).
 * It lets the tests validate what the cluster would receive without network or binaries.
 */
export type Manifest = Record<string, unknown> & { apiVersion: string; kind: string; metadata: Record<string, unknown> & { name: string } };

const kustomizationSchema = z
  .object({
    apiVersion: z.literal("kustomize.config.k8s.io/v1beta1"),
    kind: z.literal("Kustomization"),
    namespace: z.string().optional(),
    resources: z.array(z.string()),
    labels: z
      .array(z.object({ pairs: z.record(z.string(), z.string()), includeSelectors: z.boolean().optional() }).strict())
      .optional(),
    images: z.array(z.object({ name: z.string(), newName: z.string().optional(), newTag: z.string().optional() }).strict()).optional(),
    patches: z.array(z.object({ path: z.string() }).strict()).optional(),
  })
  .strict();

const manifestSchema = z
  .object({ apiVersion: z.string(), kind: z.string(), metadata: z.object({ name: z.string() }).passthrough() })
  .passthrough();

const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "ClusterIssuer"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, "utf8")).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJS();
  }).filter((doc) => doc !== null);
}

export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isRecord(base) && isRecord(patch)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) merged[key] = key in base ? strategicMerge(base[key], value) : value;
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(patch) && [...base, ...patch].every((item) => isRecord(item) && typeof item.name === "string")) {
    const merged = base.map((item) => {
      const match = patch.find((p) => isRecord(p) && isRecord(item) && p.name === item.name);
      return match ? strategicMerge(item, match) : item;
    });
    for (const item of patch) if (!base.some((b) => isRecord(b) && isRecord(item) && b.name === item.name)) merged.push(item);
    return merged;
  }
  return patch;
}

function setImages(node: unknown, images: NonNullable<z.infer<typeof kustomizationSchema>["images"]>): unknown {
  if (Array.isArray(node)) return node.map((item) => setImages(item, images));
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const image = key === "image" && typeof value === "string" ? images.find((i) => value === i.name || value.startsWith(`${i.name}:`)) : undefined;
    if (image && typeof value === "string") {
      const tag = image.newTag ?? value.split(":")[1];
      out[key] = `${image.newName ?? image.name}${tag ? `:${tag}` : ""}`;
    } else {
      out[key] = setImages(value, images);
    }
  }
  return out;
}

export function renderKustomization(dir: string): Manifest[] {
  const config = kustomizationSchema.parse(readYamlDocuments(path.join(dir, "kustomization.yaml"))[0]);
  let manifests: Manifest[] = config.resources.flatMap((resource) => {
    const full = path.join(dir, resource);
    if (statSync(full).isDirectory()) return renderKustomization(full);
    return readYamlDocuments(full).map((doc) => manifestSchema.parse(doc) as Manifest);
  });
  for (const { path: patchPath } of config.patches ?? []) {
    for (const patch of readYamlDocuments(path.join(dir, patchPath)).map((doc) => manifestSchema.parse(doc))) {
      const index = manifests.findIndex((m) => m.kind === patch.kind && m.metadata.name === patch.metadata.name);
      if (index < 0) throw new Error(`${patchPath}: no ${patch.kind} ${patch.metadata.name} to patch`);
      manifests[index] = strategicMerge(manifests[index], patch) as Manifest;
    }
  }
  if (config.images) manifests = manifests.map((m) => setImages(m, config.images ?? []) as Manifest);
  for (const { pairs } of config.labels ?? []) {
    manifests = manifests.map((m) => ({ ...m, metadata: { ...m.metadata, labels: { ...(isRecord(m.metadata.labels) ? m.metadata.labels : {}), ...pairs } } }));
  }
  if (config.namespace) {
    const namespace = config.namespace;
    manifests = manifests.map((m) => (clusterScoped.has(m.kind) ? m : { ...m, metadata: { ...m.metadata, namespace } }));
  }
  return manifests;
}
