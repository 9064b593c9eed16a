/**
 * How many simulated Bambu printers one process sustains, and FTPS throughput.
 *   npx tsx sim/bambu/bench.ts [--seconds 20] [--counts 50,100] [--megabytes 200]
 * Prints figures; asserts nothing. Clients run in a child process (bench-client.ts).
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { z } from "zod";
import { createSimulatorCa } from "./certificates";
import { type BambuSimulator, startBambuSimulator } from "./simulator";

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    counts: { type: "string", default: "50,100" },
    megabytes: { type: "string", default: "200" },
    // Internal: one scale run in a fresh process, so memory figures start from zero.
    "scale-only": { type: "string" },
  },
});
const settings = z
  .object({
    seconds: z.coerce.number().positive(),
    counts: z.string().transform((s) => s.split(",").map((n) => z.coerce.number().int().positive().parse(n))),
    megabytes: z.coerce.number().positive(),
    "scale-only": z.coerce.number().int().positive().optional(),
  })
  .parse(values);

const clientScript = fileURLToPath(new URL("./bench-client.ts", import.meta.url));
const mb = (bytes: number) => bytes / 1024 / 1024;

async function client(job: object): Promise<unknown> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", clientScript, JSON.stringify(job)], { maxBuffer: 1024 * 1024, timeout: 600_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
}

const mqttResult = z.object({ total: z.number(), perClientPerSecond: z.number(), minPerClient: z.number(), clientCpuPercent: z.number() });
const ftpResult = z.object({ bytes: z.number(), seconds: z.number() });

// Heap figures are only comparable after a full collection.
v8.setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc");
const heapAfterGc = (): number => {
  if (typeof collect === "function") collect();
  return process.memoryUsage().heapUsed;
};

async function scale(count: number, ca: { certPem: string; keyPem: string }): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = heapAfterGc();
  const startedAt = performance.now();
  const sims: BambuSimulator[] = [];
  for (let i = 0; i < count; i++) {
    sims.push(
      await startBambuSimulator({
        serial: `03919A${String(i).padStart(9, "0")}`,
        accessCode: "12345678",
        model: "A1",
        mqttPort: 0,
        ftpPort: 0,
        cameraPort: 0,
        ca,
        printSeconds: 3600,
        prepareSeconds: 0,
        reportIntervalMs: 1000,
      }),
    );
  }
  const startSeconds = (performance.now() - startedAt) / 1000;
  await Promise.all(sims.map((s) => s.startPrint("3DBenchy.gcode.3mf")));
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const running = client({
    mode: "mqtt",
    ca: ca.certPem,
    seconds: settings.seconds,
    printers: sims.map((s) => ({ host: s.host, port: s.mqttPort, serial: s.serial, accessCode: s.accessCode })),
  });
  // Memory is read while every client is connected and reports flow.
  await new Promise((resolve) => setTimeout(resolve, (settings.seconds * 1000) / 2 + 3000));
  const rss = mb(process.memoryUsage().rss - rssBefore);
  const heap = mb(heapAfterGc() - heapBefore);
  const result = mqttResult.parse(await running);
  const wall = (performance.now() - wallBefore) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPercent = ((cpu.user + cpu.system) / 1e6 / wall) * 100;
  console.log(
    [
      `printers: ${count} (A1, printing, 1 report/s each, 1 subscribed client each)`,
      `  start-up: ${startSeconds.toFixed(1)} s (${((startSeconds / count) * 1000).toFixed(0)} ms per printer, mostly the RSA key)`,
      `  reports received: ${result.total} in ${settings.seconds} s = ${result.perClientPerSecond.toFixed(2)}/s per client (slowest client: ${result.minPerClient})`,
      `  simulator CPU: ${cpuPercent.toFixed(1)} % of one core = ${(cpuPercent / count).toFixed(2)} % per printer (incl. client connect phase; wall ${wall.toFixed(1)} s)`,
      `  simulator memory: +${rss.toFixed(0)} MB RSS, +${heap.toFixed(0)} MB live heap = ${(rss / count).toFixed(2)} MB RSS, ${(heap / count).toFixed(2)} MB heap per printer`,
      `  client process CPU: ${result.clientCpuPercent.toFixed(1)} % of one core`,
    ].join("\n"),
  );
  await Promise.all(sims.map((s) => s.close()));
}

async function ftps(megabytes: number): Promise<void> {
  const sim = await startBambuSimulator({ serial: "03919A0000BENCH", accessCode: "12345678", model: "A1", mqttPort: 0, ftpPort: 0, cameraPort: 0 });
  try {
    const size = Math.round(megabytes * 1024 * 1024);
    const created = performance.now();
    const storagePath = await sim.ensureLargeFile(size);
    console.log(`FTPS: ${megabytes} MB file written in ${((performance.now() - created) / 1000).toFixed(2)} s`);
    for (let round = 1; round <= 2; round++) {
      const basic = ftpResult.parse(
        await client({ mode: "ftp", ca: sim.caCertPem, host: sim.host, port: sim.ftpPort, serial: sim.serial, accessCode: sim.accessCode, path: storagePath }),
      );
      console.log(`  basic-ftp (TLS 1.3, session reuse): ${mb(basic.bytes).toFixed(0)} MB in ${basic.seconds.toFixed(2)} s = ${(mb(basic.bytes) / basic.seconds).toFixed(0)} MB/s`);
      const { stdout } = await run("curl", [
        "-sS",
        "--ssl-reqd",
        "-k",
        "--user",
        `bblp:${sim.accessCode}`,
        "-o",
        "/dev/null",
        "-w",
        "%{size_download} %{time_total}",
        `ftps://${sim.host}:${sim.ftpPort}${storagePath}`,
      ]);
      const [bytes, seconds] = stdout.trim().split(" ").map(Number);
      console.log(`  curl      (TLS 1.3, session reuse): ${mb(bytes).toFixed(0)} MB in ${seconds.toFixed(2)} s = ${(mb(bytes) / seconds).toFixed(0)} MB/s`);
    }
  } finally {
    await sim.close();
  }
}

const onlyScale = settings["scale-only"];
if (onlyScale !== undefined) {
  await scale(onlyScale, createSimulatorCa());
} else {
  console.log(`Bambu simulator benchmark (node ${process.version}, ${settings.seconds} s per run)`);
  for (const count of settings.counts) {
    const self = fileURLToPath(import.meta.url);
    const { stdout } = await run(process.execPath, ["--import", "tsx", self, "--scale-only", String(count), "--seconds", String(settings.seconds)], {
      timeout: 900_000,
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    });
    process.stdout.write(stdout);
  }
  await ftps(settings.megabytes);
}
