import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { systemActor } from "@/lib/audit/audit";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { waitFor } from "@/testing/worker/printers";
import { root, spawnWeb } from "./processes";
import type { FaultContext } from "./scenario";

/** The memory limits the Kubernetes manifests give each process (deploy/k8s/base): what "under its memory" means. */
export const memoryLimitMb = { web: 768, worker: 512 } as const;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no free port");
  return address.port;
}

export interface WebProduct {
  base: string;
  /** Environment the web and worker processes of the scenario share. */
  env: Record<string, string>;
  /** An admin's API token. */
  token: string;
  start(name: string): Promise<ChildProcess>;
}

/**
 * The web process of the production build on a free port, with an admin token and API
 * budgets no scenario reaches (the faults test the product, not its rate limiter).
 * Call after `freshDatabase`.
 */
export async function webProduct(ctx: FaultContext, extra: Record<string, string> = {}): Promise<WebProduct> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first (npm test builds before it runs the faults)");
  const admin = await createUser({ email: "faults@example.com", name: "Faults", password: "faults password 1", role: "admin" }, { actor: systemActor });
  const { token } = await createApiToken({ userId: admin.id, name: "faults" }, { actor: systemActor });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: "faults-secret-not-for-production-0123456789",
    ...Object.fromEntries(["READ", "WRITE", "EXPORT", "STREAM"].map((budget) => [`PRINTERNIZER_RATE_LIMIT_${budget}`, "100000000"])),
    ...extra,
  };
  return {
    base,
    env,
    token,
    async start(name) {
      const web = spawnWeb(ctx, port, env, name);
      await waitFor(async () => (await fetch(`${base}/api/ready`)).ok, "the web process ready", 90_000);
      return web;
    },
  };
}
