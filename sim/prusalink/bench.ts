/**
 * Throughput of the PrusaLink simulator: a 200 MB download through undici and through
 * curl, and /api/v1/status requests per second under Digest (one in flight, as a
 * printer should be polled, and 16 in flight). Run: npx tsx sim/prusalink/bench.ts
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Agent, fetch } from "undici";
import { digestResponse, parseAuthorization } from "./digest-auth";
import { startPrusaLinkSimulator } from "./index";

const run = promisify(execFile);
const sizeBytes = 200 * 1024 * 1024;
const password = "BenchPassword01";

function mbPerSecond(bytes: number, ms: number): string {
  return ((bytes / 1024 / 1024) / (ms / 1000)).toFixed(0);
}

console.log(`PrusaLink simulator benchmark (node ${process.version})`);
const sim = await startPrusaLinkSimulator({ password });
try {
  const large = await sim.ensureLargeFile(sizeBytes);
  const fileUrl = `${sim.url}${large.downloadPath}`;
  const results: Array<[string, string]> = [];

  for (let round = 1; round <= 3; round++) {
    const started = performance.now();
    const response = await fetch(fileUrl, { headers: { "X-Api-Key": password } });
    let bytes = 0;
    for await (const chunk of response.body ?? []) bytes += chunk.length;
    if (bytes !== large.size) throw new Error(`undici got ${bytes} bytes`);
    results.push([`download 200 MB, undici fetch, round ${round}`, `${mbPerSecond(bytes, performance.now() - started)} MB/s`]);
  }
  for (let round = 1; round <= 3; round++) {
    const { stdout } = await run("curl", ["-s", "-o", "/dev/null", "--digest", "-u", `maker:${password}`, "-w", "%{size_download} %{time_total}", fileUrl]);
    const [bytes = "0", seconds = "1"] = stdout.trim().split(" ");
    if (Number(bytes) !== large.size) throw new Error(`curl got ${bytes} bytes`);
    results.push([`download 200 MB, curl --digest, round ${round}`, `${mbPerSecond(Number(bytes), Number(seconds) * 1000)} MB/s`]);
  }

  const challenge = await fetch(`${sim.url}/api/v1/status`);
  await challenge.text();
  const nonce = parseAuthorization(challenge.headers.get("www-authenticate") ?? "")?.params.get("nonce") ?? "";
  const response = digestResponse({ username: "maker", realm: "Printer API", password, method: "GET", uri: "/api/v1/status", nonce });
  const authorization = `Digest username="maker", realm="Printer API", nonce="${nonce}", uri="/api/v1/status", response="${response}"`;
  for (const inFlight of [1, 16]) {
    const dispatcher = new Agent({ connections: inFlight });
    let count = 0;
    const deadline = performance.now() + 3000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < deadline) {
          const r = await fetch(`${sim.url}/api/v1/status`, { headers: { Authorization: authorization }, dispatcher });
          if (r.status !== 200) throw new Error(`status answered ${r.status}`);
          await r.arrayBuffer();
          count++;
        }
      }),
    );
    await dispatcher.close();
    results.push([`GET /api/v1/status with Digest, ${inFlight} in flight`, `${((count / (performance.now() - started)) * 1000).toFixed(0)} req/s`]);
  }

  const width = Math.max(...results.map(([name]) => name.length));
  for (const [name, value] of results) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
} finally {
  await sim.close();
}
