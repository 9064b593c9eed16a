import { startBambuSimulator } from "@/sim/bambu";
import { BambuDriver } from "@/lib/printers/bambu";
const sim = await startBambuSimulator({ serial: "03919A000000101", accessCode: "40213377", model: "A1", host: "127.0.0.1", mqttPort: 0, ftpPort: 0, cameraPort: 0, printSeconds: 6, prepareSeconds: 0.2, timeScale: 20, reportIntervalMs: 250 });
const d = new BambuDriver({ kind: "bambu", host: "127.0.0.1", serial: sim.serial, accessCode: sim.accessCode, model: "A1", mqttPort: sim.mqttPort, ftpPort: sim.ftpPort, cameraPort: sim.cameraPort ?? 6000, tls: "custom-ca", caCert: sim.caCertPem },
 { mqtt: { connectTimeoutMs: 3_000, keepaliveSeconds: 5, watchdogSilenceMs: 3_000, watchdogGraceMs: 2_000, pushallMinIntervalMs: 1_000, backoff: { initialMs: 200, maxMs: 1_500, factor: 2, jitter: 0.3 } } });
const t0 = Date.now();
let last = "";
d.on("state", (s) => { const k = `${s.online} ${s.state} ${s.progress}`; if (k !== last) { console.log(Date.now() - t0, k); last = k; } });
d.on("connection", (o, f) => console.log(Date.now() - t0, "connection", o, f?.message)); d.on("invalidPayload", (r) => console.log(Date.now() - t0, "invalid", r.slice(0,200)));
d.start();
await new Promise(r => setTimeout(r, 1000));
const files = await sim.printFiles();
await sim.startPrint(files.find(f => f.endsWith(".gcode.3mf"))!);
await new Promise(r => setTimeout(r, 1000));
console.log(Date.now() - t0, "stall");
sim.stall(6000);
await new Promise(r => setTimeout(r, 12000));
console.log("sim", sim.state().gcodeState, sim.state().mqttClients);
await d.stop(); await sim.close();
