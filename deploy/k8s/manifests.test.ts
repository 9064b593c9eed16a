import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readYamlDocuments, renderKustomization, type Manifest } from "./render";

/**
 * Validates every manifest the base and the production overlay render to: core kinds
 * against the Kubernetes 1.34 API schemas shipped in kubernetes-models (types, enums,
 * required fields), CRDs against strict schemas here, and the house rules for security
 * and probes on top.
 */
const here = import.meta.dirname;
const repo = path.resolve(here, "../..");

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => Validatable;

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | null> {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const folder = group ? `${group}/${version}` : version;
  try {
    const mod: Record<string, unknown> = await import(`kubernetes-models/${folder}/${kind}`);
    const model = mod[kind];
    return typeof model === "function" ? (model as ModelClass) : null;
  } catch {
    return null;
  }
}

const objectMeta = z.object({ name: z.string(), namespace: z.string().optional(), labels: z.record(z.string(), z.string()).optional() }).strict();
// cert-manager.io/v1 (https://cert-manager.io/docs/reference/api-docs/): the fields these
// manifests use, strictly, so a misspelled field or a second issuer type in one fails.
const issuerRef = z.object({ name: z.string(), kind: z.enum(["Issuer", "ClusterIssuer"]), group: z.literal("cert-manager.io") }).strict();
const duration = z.string().regex(/^(\d+h)?(\d+m)?(\d+s)?$/).refine((d) => d !== "");
const acmeIssuer = z
  .object({
    server: z.url().startsWith("https://"),
    email: z.email(),
    privateKeySecretRef: z.object({ name: z.string() }).strict(),
    solvers: z.array(z.object({ http01: z.object({ ingress: z.object({ ingressClassName: z.string() }).strict() }).strict() }).strict()).min(1),
  })
  .strict();
const issuerSpec = z.union([
  z.object({ acme: acmeIssuer }).strict(),
  z.object({ selfSigned: z.object({}).strict() }).strict(),
  z.object({ ca: z.object({ secretName: z.string() }).strict() }).strict(),
]);
const certificateSpec = z
  .object({
    secretName: z.string(),
    issuerRef,
    isCA: z.boolean().optional(),
    commonName: z.string().max(64).optional(),
    dnsNames: z.array(z.string().regex(/^[a-z0-9*]([a-z0-9.-]*[a-z0-9])?$/)).min(1).optional(),
    duration: duration.optional(),
    renewBefore: duration.optional(),
    privateKey: z
      .object({ algorithm: z.enum(["RSA", "ECDSA", "Ed25519"]), size: z.number().int().optional(), rotationPolicy: z.enum(["Never", "Always"]).optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((spec) => spec.isCA || (spec.dnsNames?.length ?? 0) > 0, "a server certificate needs dnsNames");

const crdSchemas: Record<string, z.ZodType> = {
  "cert-manager.io/v1/ClusterIssuer": z
    .object({ apiVersion: z.string(), kind: z.string(), metadata: objectMeta.omit({ namespace: true }), spec: issuerSpec })
    .strict(),
  "cert-manager.io/v1/Certificate": z.object({ apiVersion: z.string(), kind: z.string(), metadata: objectMeta, spec: certificateSpec }).strict(),
  "monitoring.coreos.com/v1/ServiceMonitor": z
    .object({
      apiVersion: z.string(),
      kind: z.string(),
      metadata: objectMeta,
      spec: z
        .object({
          selector: z.object({ matchLabels: z.record(z.string(), z.string()) }).strict(),
          endpoints: z.array(
            z
              .object({
                port: z.string(),
                path: z.string().startsWith("/"),
                interval: z.string().regex(/^\d+[smh]$/),
                scrapeTimeout: z.string().regex(/^\d+[smh]$/).optional(),
                authorization: z
                  .object({ type: z.literal("Bearer"), credentials: z.object({ name: z.string(), key: z.string() }).strict() })
                  .strict()
                  .optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    })
    .strict(),
  "monitoring.coreos.com/v1/PrometheusRule": z
    .object({
      apiVersion: z.string(),
      kind: z.string(),
      metadata: objectMeta,
      spec: z
        .object({
          groups: z.array(
            z
              .object({
                name: z.string(),
                rules: z.array(
                  z.union([
                    z
                      .object({
                        alert: z.string(),
                        expr: z.string(),
                        for: z.string().regex(/^\d+[smh]$/).optional(),
                        labels: z
                          .object({
                            category: z.enum(["printer", "application", "security", "compliance"]),
                            severity: z.enum(["critical", "warning", "info"]),
                          })
                          .strict(),
                        annotations: z.object({ runbook_url: z.string(), summary: z.string(), description: z.string().optional() }).strict(),
                      })
                      .strict(),
                    z.object({ record: z.string().regex(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/), expr: z.string() }).strict(),
                  ]),
                ),
              })
              .strict(),
          ),
        })
        .strict(),
    })
    .strict(),
  "bitnami.com/v1alpha1/SealedSecret": z
    .object({
      apiVersion: z.string(),
      kind: z.string(),
      metadata: objectMeta,
      spec: z
        .object({
          encryptedData: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string()),
          template: z.object({ metadata: objectMeta, type: z.literal("Opaque") }).strict(),
        })
        .strict(),
    })
    .strict(),
};

async function validate(manifest: Manifest): Promise<void> {
  const crd = crdSchemas[`${manifest.apiVersion}/${manifest.kind}`];
  if (crd) {
    crd.parse(manifest);
    return;
  }
  const Model = await modelFor(manifest.apiVersion, manifest.kind);
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest).validate();
}

const containerSecurity = z.object({
  allowPrivilegeEscalation: z.literal(false),
  readOnlyRootFilesystem: z.literal(true),
  runAsNonRoot: z.literal(true),
  capabilities: z.object({ drop: z.array(z.string()).refine((d) => d.includes("ALL")) }),
});
const probe = (p: string) => z.object({ httpGet: z.object({ path: z.literal(p), port: z.string() }) });
const deploymentRules = z.object({
  spec: z.object({
    template: z.object({
      spec: z.object({
        serviceAccountName: z.literal("printernizer"),
        automountServiceAccountToken: z.literal(false),
        securityContext: z.object({ runAsNonRoot: z.literal(true), seccompProfile: z.object({ type: z.literal("RuntimeDefault") }) }),
        containers: z.array(
          z.object({
            securityContext: containerSecurity,
            livenessProbe: z.object({ httpGet: z.object({ path: z.string() }) }),
            resources: z.object({ requests: z.object({ cpu: z.string(), memory: z.string() }), limits: z.object({ memory: z.string() }) }),
            volumeMounts: z.array(z.object({ mountPath: z.string() })).refine((mounts) => mounts.some((m) => m.mountPath === "/tmp")),
          }),
        ),
      }),
    }),
  }),
});

function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${kind} ${name} missing`);
  return found;
}

function checkHouseRules(manifests: Manifest[]): void {
  for (const deployment of manifests.filter((m) => m.kind === "Deployment")) deploymentRules.parse(deployment);
  const web = z
    .object({
      spec: z.object({
        replicas: z.number().min(2),
        template: z.object({
          spec: z.object({ containers: z.tuple([z.object({ livenessProbe: probe("/api/health"), readinessProbe: probe("/api/ready") })]) }),
        }),
      }),
    })
    .parse(find(manifests, "Deployment", "printernizer-web"));
  expect(web.spec.replicas).toBeGreaterThanOrEqual(2);
  z.object({
    spec: z.object({
      strategy: z.object({ type: z.literal("Recreate") }),
      template: z.object({ spec: z.object({ containers: z.tuple([z.object({ livenessProbe: probe("/health") })]) }) }),
    }),
  }).parse(find(manifests, "Deployment", "printernizer-worker"));
  z.object({
    spec: z.object({
      scaleTargetRef: z.object({ name: z.literal("printernizer-web") }),
      minReplicas: z.number().min(2),
      metrics: z.tuple([z.object({ resource: z.object({ name: z.literal("cpu") }) })]),
    }),
  }).parse(find(manifests, "HorizontalPodAutoscaler", "printernizer-web"));
  z.object({
    metadata: z.object({
      annotations: z.object({
        "nginx.ingress.kubernetes.io/proxy-buffering": z.literal("off"),
        "nginx.ingress.kubernetes.io/proxy-read-timeout": z.literal("3600"),
      }),
    }),
  }).parse(find(manifests, "Ingress", "printernizer"));
  expect(find(manifests, "ServiceAccount", "printernizer").automountServiceAccountToken).toBe(false);
  expect(find(manifests, "Role", "printernizer").rules).toEqual([]);
  for (const policy of manifests.filter((m) => m.kind === "NetworkPolicy")) {
    const { spec } = z
      .object({ spec: z.object({ egress: z.array(z.object({ to: z.array(z.record(z.string(), z.unknown())).min(1), ports: z.array(z.unknown()).min(1) })).optional() }) })
      .parse(policy);
    // An egress rule without `to` or `ports` would open everything.
    expect(spec.egress?.every((rule) => rule.to.length > 0) ?? true).toBe(true);
  }
  const claims = manifests.filter((m) => m.kind === "PersistentVolumeClaim").map((m) => m.metadata.name);
  expect(claims).toContain("printernizer-files");
}

const base = renderKustomization(path.join(here, "base"));
const production = renderKustomization(path.join(here, "overlays/production"));
const certManager = renderKustomization(path.join(here, "cert-manager"));

describe("Kubernetes manifests", () => {
  for (const [name, manifests] of [["base", base], ["production overlay", production]] as const) {
    it(`${name}: every manifest validates against its schema`, async () => {
      expect(manifests.length).toBeGreaterThan(10);
      for (const manifest of manifests) {
        await expect(validate(manifest), `${manifest.kind} ${manifest.metadata.name}`).resolves.toBeUndefined();
      }
    });

    it(`${name}: follows the security and probe rules`, () => {
      checkHouseRules(manifests);
    });
  }

  it("production overlay sets namespace, image, replicas, hot standby and the shop's networks", () => {
    expect(production.filter((m) => m.kind !== "Namespace").every((m) => m.metadata.namespace === "printernizer")).toBe(true);
    const web = z
      .object({ spec: z.object({ replicas: z.number(), template: z.object({ spec: z.object({ containers: z.array(z.object({ image: z.string(), resources: z.unknown() })) }) }) }) })
      .parse(find(production, "Deployment", "printernizer-web"));
    expect(web.spec.replicas).toBe(3);
    expect(web.spec.template.spec.containers[0].image).toBe("registry.example.com/printernizer:0.1.0");
    expect(web.spec.template.spec.containers[0].resources).toMatchObject({ limits: { memory: "1Gi" } });
    expect(find(production, "Deployment", "printernizer-worker").spec).toMatchObject({ replicas: 2 });
    const text = JSON.stringify(production.filter((m) => m.kind === "NetworkPolicy"));
    expect(text).toContain("192.168.50.0/24");
    expect(text).not.toContain("10.0.50.0/24");
    expect(find(production, "SealedSecret", "printernizer-secrets")).toBeTruthy();
  });

  it("cert-manager issuers validate against their schemas", async () => {
    expect(certManager.map((m) => `${m.kind} ${m.metadata.name}`).sort()).toEqual([
      "Certificate printernizer-lan-ca",
      "ClusterIssuer letsencrypt",
      "ClusterIssuer letsencrypt-staging",
      "ClusterIssuer printernizer-lan-ca",
      "ClusterIssuer selfsigned",
    ]);
    for (const manifest of certManager) {
      await expect(validate(manifest), `${manifest.kind} ${manifest.metadata.name}`).resolves.toBeUndefined();
    }
  });

  it("the Ingress's TLS secret is a Certificate for its hosts from an issuer that exists", () => {
    const ingress = z
      .object({ metadata: z.object({ annotations: z.record(z.string(), z.string()) }), spec: z.object({ tls: z.tuple([z.object({ hosts: z.array(z.string()), secretName: z.string() })]) }) })
      .parse(find(production, "Ingress", "printernizer"));
    // An issuer annotation would make cert-manager's ingress-shim fight the Certificate over the secret.
    expect(Object.keys(ingress.metadata.annotations).filter((key) => key.startsWith("cert-manager.io/"))).toEqual([]);
    const certificates = [...production, ...certManager].filter((m) => m.kind === "Certificate");
    for (const certificate of certificates) {
      const { spec } = z.object({ spec: certificateSpec }).parse(certificate);
      expect(certManager.some((m) => m.kind === spec.issuerRef.kind && m.metadata.name === spec.issuerRef.name), `${certificate.metadata.name} -> ${spec.issuerRef.name}`).toBe(true);
    }
    const { spec } = z.object({ spec: certificateSpec }).parse(find(production, "Certificate", "printernizer-tls"));
    expect(spec.secretName).toBe(ingress.spec.tls[0].secretName);
    expect(spec.dnsNames).toEqual(ingress.spec.tls[0].hosts);
    // The CA issuer reads its key pair from the secret its CA certificate writes, in cert-manager's namespace.
    const lanCa = z.object({ spec: z.object({ ca: z.object({ secretName: z.string() }) }) }).parse(find(certManager, "ClusterIssuer", "printernizer-lan-ca"));
    expect(find(certManager, "Certificate", "printernizer-lan-ca")).toMatchObject({ metadata: { namespace: "cert-manager" }, spec: { isCA: true, secretName: lanCa.spec.ca.secretName } });
  });

  it("the web trusts forwarding headers only from the ingress controller's pod range", () => {
    const data = (m: Manifest) => z.object({ data: z.record(z.string(), z.string()) }).parse(m).data;
    expect(data(find(base, "ConfigMap", "printernizer")).PRINTERNIZER_TRUSTED_PROXIES).toBe("");
    expect(data(find(production, "ConfigMap", "printernizer")).PRINTERNIZER_TRUSTED_PROXIES).toMatch(/^[\d.]+\/\d+$/);
    const web = z
      .object({ spec: z.object({ template: z.object({ spec: z.object({ containers: z.array(z.object({ command: z.array(z.string()) })) }) }) }) })
      .parse(find(production, "Deployment", "printernizer-web"));
    // The web server that sets the forwarding headers from the socket, not bare `next start`.
    expect(web.spec.template.spec.containers[0].command).toContain("scripts/web-server.mjs");
  });

  it("the PrometheusRule carries exactly the groups of ops/prometheus/alerts.yaml", () => {
    const [rules] = readYamlDocuments(path.join(repo, "ops/prometheus/alerts.yaml"));
    expect(find(base, "PrometheusRule", "printernizer").spec).toEqual(rules);
  });

  it("rejects invalid fields (the validation can fail)", async () => {
    const web = find(base, "Deployment", "printernizer-web");
    await expect(validate({ ...web, spec: { ...(web.spec as object), replicas: "two" } })).rejects.toThrow(/replicas/);
    const pvc = find(base, "PersistentVolumeClaim", "printernizer-files");
    await expect(validate({ ...pvc, spec: { accessModes: "ReadWriteMany" } })).rejects.toThrow(/accessModes/);
    const issuer = find(certManager, "ClusterIssuer", "letsencrypt");
    await expect(validate({ ...issuer, spec: { acme: { ...(issuer.spec as { acme: object }).acme, solver: [] } } })).rejects.toThrow();
    await expect(validate({ ...issuer, metadata: { ...issuer.metadata, namespace: "printernizer" } })).rejects.toThrow();
    const certificate = find(production, "Certificate", "printernizer-tls");
    await expect(validate({ ...certificate, spec: { ...(certificate.spec as object), issuerRef: { name: "letsencrypt", kind: "ClusterIssuer" } } })).rejects.toThrow(/group/);
    const monitor = find(base, "ServiceMonitor", "printernizer");
    await expect(validate({ ...monitor, spec: { ...(monitor.spec as object), endpoint: [] } })).rejects.toThrow();
    const misspelled = structuredClone(web) as Manifest & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const container = misspelled.spec.template.spec.containers[0];
    container.securityContext = { readOnlyRootFileSystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ["ALL"] } };
    expect(() => checkHouseRules([misspelled, ...base.filter((m) => m !== web)])).toThrow();
  });
});
