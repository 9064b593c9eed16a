import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { login } from "./support/auth";
import { freePort, waitFor } from "./support/product";

let demo: ChildProcess;
let baseURL: string;
const admin = { email: "demo@druckerei.example", password: "demo-password-123" };

test.beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "printernizer-demo-"));
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  // Exactly what `npm run demo` runs, on a fresh data folder.
  demo = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      PORT: String(port),
      PRINTERNIZER_DATA_DIR: dataDir,
      PRINTERNIZER_WORKER_PORT: "0",
      PRINTERNIZER_ADMIN_EMAIL: admin.email,
      PRINTERNIZER_ADMIN_PASSWORD: admin.password,
      NEXTAUTH_SECRET: "demo-e2e-secret-0123456789abcdef",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitFor(`${baseURL}/api/ready`, 90_000);
});

test.afterAll(async () => {
  if (demo && demo.exitCode === null) {
    const exited = new Promise((resolve) => demo.once("exit", resolve));
    demo.kill("SIGTERM");
    await exited;
  }
});

test("npm run demo shows live simulated printers to a new user", async ({ page }) => {
  await login(page, baseURL, admin.email, admin.password);
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${baseURL}/api/printers`);
        const body = (await res.json()) as { printers: { kind: string; live: { online: boolean } | null }[] };
        return body.printers.filter((p) => p.live?.online).map((p) => p.kind).sort();
      },
      { timeout: 60_000 },
    )
    .toEqual(["bambu", "prusalink"]);
});
