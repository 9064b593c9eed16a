import { spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { fetch } from "undici";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const printersSchema = z.array(
  z.object({
    name: z.string(),
    kind: z.enum(["bambu", "prusalink"]),
    host: z.string(),
    httpPort: z.number().nullable(),
    mqttPort: z.number().nullable(),
    password: z.string().nullable(),
  }),
);

const repo = path.resolve(import.meta.dirname, "..");

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("npm run sim (sim/cli.ts)", () => {
  // tsx itself, not `npx tsx`: npx (npm 11) dies on SIGTERM without passing it on and
  // leaves the simulators running, which is exactly what this test must not allow.
  it("prints one JSON document on stdout and exits 0 on SIGTERM", async () => {
    const tsx = path.join(repo, "node_modules/.bin/tsx");
    const child = spawn(tsx, ["sim/cli.ts", "--json", "--bambu", "1", "--prusa", "1", "--ephemeral-ports", "--base-host", "127.0.0.70"], {
      cwd: repo,
      env: { ...process.env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const printers = await new Promise<z.infer<typeof printersSchema>>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          try {
            resolve(printersSchema.parse(JSON.parse(stdout)));
          } catch {
            // The document may arrive in several chunks.
          }
        });
        void exited.then((code) => reject(new Error(`cli exited with ${code} before printing: ${stderr}`)));
      });
      expect(printers.map((p) => p.kind)).toEqual(["bambu", "prusalink"]);
      const prusa = printers[1];
      const version = await fetch(`http://${prusa?.host}:${prusa?.httpPort}/api/version`, { headers: { "X-Api-Key": prusa?.password ?? "" } });
      expect(version.status).toBe(200);
      await version.text();
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(printersSchema.parse(JSON.parse(stdout))).toEqual(printers);
      expect(stderr).toContain("fleet running");
      for (const p of printers) expect(await refused(p.host, p.httpPort ?? p.mqttPort ?? 0)).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    }
  }, 30_000);
});
