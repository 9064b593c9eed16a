import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

/**
 * The image's build and start steps, run for real (npm ci, next build, web + worker on a
 * temp data dir). About three minutes, so only when asked: PRINTERNIZER_CI_DOCKERFILE=1
 * (CI's packaging job; locally `npm run test:dockerfile` runs the script directly).
 */
describe.runIf(process.env.PRINTERNIZER_CI_DOCKERFILE === "1")("Dockerfile steps", () => {
  it("build, prune, start web + worker, answer health/ready/metrics, stop cleanly", async () => {
    const { stdout } = await run("bash", [path.join(root, "scripts/ci/dockerfile-steps.sh")], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 10 * 60_000,
    });
    expect(stdout).toMatch(/^dockerfile-steps: ok$/m);
  }, 10 * 60_000);
});
