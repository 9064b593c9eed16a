import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { httpMethods } from "@/lib/api/route-spec";
import { apiDocument } from "./routes";

const root = path.resolve(import.meta.dirname, "../..");
const document = apiDocument("0.0.0-test");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** app/api/users/[id]/route.ts → /api/users/{id}; [...slug] and [[...slug]] → {slug}. */
function openApiPathOf(file: string): string {
  const dir = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
  return `/${dir.map((segment) => segment.replace(/^\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}$/, "{$1}")).join("/")}`;
}

function exportedMethods(source: string): string[] {
  const methods = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:const|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) {
    methods.add(match[1]);
  }
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name)) methods.add(name);
    }
  }
  return [...methods];
}

const implemented = routeFiles(path.join(root, "app/api")).flatMap((file) => {
  const source = readFileSync(file, "utf8");
  return exportedMethods(source).map((method) => ({ operation: `${method} ${openApiPathOf(file)}`, file, source }));
});
const documented = Object.entries(document.paths).flatMap(([p, item]) =>
  Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`),
);

describe("OpenAPI document", () => {
  it("is an OpenAPI 3.1 document whose operations are complete", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(document.paths)) {
      expect(p).toMatch(/^\/api\//);
      for (const [method, operation] of Object.entries(item)) {
        expect(httpMethods.map((m) => m.toLowerCase())).toContain(method);
        expect(operation.summary).toBeTruthy();
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
        for (const status of Object.keys(operation.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
        const templateParams = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        const pathParams = (operation.parameters ?? []).filter((param) => param.in === "path").map((param) => param.name).sort();
        expect(pathParams).toEqual(templateParams);
      }
    }
  });

  it("resolves every $ref and survives a JSON round trip", () => {
    const text = JSON.stringify(document);
    expect(JSON.parse(text)).toEqual(document);
    for (const match of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      const target = match[1].replace(/^#\//, "").split("/").reduce<unknown>((node, key) => {
        return node && typeof node === "object" ? Reflect.get(node, key) : undefined;
      }, document);
      expect(target, match[1]).toBeDefined();
    }
  });

  it("documents request and response bodies from the validation schemas", () => {
    const create = document.paths["/api/users"].post;
    expect(create["x-permission"]).toBe("users:manage");
    expect(create["x-roles"]).toEqual(["admin"]);
    expect(create["x-token-scopes"]).toEqual(["admin"]);
    expect(document.paths["/api/reports/datev.csv"].get["x-roles"]).toEqual(["admin", "accountant"]);
    expect(document.paths["/api/tokens"].post["x-token-scopes"]).toEqual([]);
    expect(create.requestBody?.content["application/json"].schema).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["email", "name", "password", "role"]),
      properties: { role: { enum: ["admin", "accountant", "operator", "viewer"] }, email: { format: "email" } },
    });
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "401", "403", "409", "422"]));
    expect(document.paths["/api/openapi.json"].get.security).toEqual([]);
  });

  it("documents a download's range and conditional answers and the headers that ask for them", () => {
    const content = document.paths["/api/files/{id}/content"].get;
    expect(Object.keys(content.responses)).toEqual(expect.arrayContaining(["200", "206", "304", "404", "416"]));
    const headers = (content.parameters ?? []).filter((param) => param.in === "header").map((param) => param.name);
    expect(headers).toEqual(["Range", "If-Range", "If-None-Match"]);
  });

  it("lists every route handler in app/api, and nothing that does not exist", () => {
    const missing = implemented.map((r) => r.operation).filter((op) => !documented.includes(op));
    const stale = documented.filter((op) => !implemented.some((r) => r.operation === op));
    expect(missing, "route handlers missing from lib/catalog/routes.ts").toEqual([]);
    expect(stale, "documented operations without a route handler").toEqual([]);
  });

  it("has every route handler go through withApi", () => {
    const bypassing = implemented.filter((r) => !/\bwithApi\(/.test(r.source)).map((r) => path.relative(root, r.file));
    expect(bypassing).toEqual([]);
  });
});
