import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inList, parseAddressList } from "@/lib/http/forwarding";

const here = import.meta.dirname;

const composeSchema = z.object({
  services: z.object({
    app: z.object({
      build: z.object({ context: z.literal("../.."), dockerfile: z.literal("Dockerfile") }),
      read_only: z.literal(true),
      tmpfs: z.array(z.string().startsWith("/tmp")),
      cap_drop: z.array(z.literal("ALL")),
      volumes: z.array(z.string().endsWith(":/data")),
      environment: z.record(z.string(), z.string()),
      networks: z.array(z.string()),
    }),
    caddy: z.object({
      ports: z.array(z.string()),
      volumes: z.array(z.string()),
      networks: z.record(z.string(), z.object({ ipv4_address: z.ipv4() })),
    }),
  }),
  networks: z.record(z.string(), z.object({ ipam: z.object({ config: z.array(z.object({ subnet: z.cidrv4() })) }) })),
  volumes: z.record(z.string(), z.null()),
});

describe("single-box compose", () => {
  it("runs the image read-only with /data on a volume behind Caddy", () => {
    const compose = composeSchema.parse(parse(readFileSync(path.join(here, "compose.yaml"), "utf8")));
    expect(compose.services.app.environment.PRINTERNIZER_DATA_DIR).toBe("/data");
    expect(compose.services.caddy.ports).toEqual(["80:80", "443:443"]);
    expect(compose.services.caddy.volumes).toContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
  });

  it("the app trusts forwarding headers from Caddy's fixed address only", () => {
    const compose = composeSchema.parse(parse(readFileSync(path.join(here, "compose.yaml"), "utf8")));
    const [network] = compose.services.app.networks;
    const caddy = compose.services.caddy.networks[network]?.ipv4_address;
    expect(caddy).toBeDefined();
    expect(compose.services.app.environment.PRINTERNIZER_TRUSTED_PROXIES).toBe(`${caddy}/32`);
    const [subnet] = compose.networks[network].ipam.config;
    expect(inList(caddy!, parseAddressList(subnet.subnet, "subnet"))).toBe(true);
  });

  it("Caddy serves HTTPS with its internal CA and flushes SSE at once", () => {
    const caddyfile = readFileSync(path.join(here, "Caddyfile"), "utf8");
    expect(caddyfile).toMatch(/^\s*tls internal$/m);
    expect(caddyfile).toMatch(/reverse_proxy app:3000 \{[^}]*flush_interval -1/);
    expect(caddyfile).toMatch(/@metrics path \/api\/metrics\s+respond @metrics 404/);
  });
});
