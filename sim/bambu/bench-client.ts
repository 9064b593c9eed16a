/**
 * The client side of bench.ts, run in its own process so its CPU is not counted
 * against the simulators. Reads one JSON job from argv, prints one JSON result line.
 */
import { Writable } from "node:stream";
import { Client } from "basic-ftp";
import mqtt from "mqtt";
import { z } from "zod";

const mqttJob = z.object({
  mode: z.literal("mqtt"),
  ca: z.string(),
  seconds: z.number().positive(),
  printers: z.array(z.object({ host: z.string(), port: z.number(), serial: z.string(), accessCode: z.string() })),
});
const ftpJob = z.object({
  mode: z.literal("ftp"),
  ca: z.string(),
  host: z.string(),
  port: z.number(),
  serial: z.string(),
  accessCode: z.string(),
  path: z.string(),
});
const jobSchema = z.discriminatedUnion("mode", [mqttJob, ftpJob]);

async function runMqtt(job: z.infer<typeof mqttJob>): Promise<object> {
  const counts = job.printers.map(() => 0);
  const clients = await Promise.all(
    job.printers.map(
      (p, i) =>
        new Promise<mqtt.MqttClient>((resolve, reject) => {
          const client = mqtt.connect({
            host: p.host,
            port: p.port,
            protocol: "mqtts",
            username: "bblp",
            password: p.accessCode,
            ca: job.ca,
            servername: p.serial,
            reconnectPeriod: 0,
          });
          client.on("message", () => counts[i]++);
          client.once("connect", () => client.subscribe(`device/${p.serial}/report`, (error) => (error ? reject(error) : resolve(client))));
          client.once("error", reject);
        }),
    ),
  );
  counts.fill(0);
  const cpuBefore = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, job.seconds * 1000));
  const cpu = process.cpuUsage(cpuBefore);
  const total = counts.reduce((a, b) => a + b, 0);
  await Promise.all(clients.map((c) => c.endAsync(true)));
  return { total, perClientPerSecond: total / job.printers.length / job.seconds, minPerClient: Math.min(...counts), clientCpuPercent: ((cpu.user + cpu.system) / 1e6 / job.seconds) * 100 };
}

async function runFtp(job: z.infer<typeof ftpJob>): Promise<object> {
  const client = new Client(30_000);
  await client.access({ host: job.host, port: job.port, user: "bblp", password: job.accessCode, secure: "implicit", secureOptions: { ca: job.ca, servername: job.serial } });
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  const started = performance.now();
  await client.downloadTo(sink, job.path);
  const seconds = (performance.now() - started) / 1000;
  client.close();
  return { bytes, seconds };
}

const job = jobSchema.parse(JSON.parse(process.argv[2] ?? "{}"));
const result = job.mode === "mqtt" ? await runMqtt(job) : await runFtp(job);
process.stdout.write(`${JSON.stringify(result)}\n`);
