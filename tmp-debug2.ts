import { startBambuSimulator } from "@/sim/bambu";
import mqtt from "mqtt";
const sim = await startBambuSimulator({ serial: "03919A000000101", accessCode: "40213377", model: "A1", host: "127.0.0.1", mqttPort: 0, ftpPort: 0, cameraPort: 0, printSeconds: 6, prepareSeconds: 0.2, timeScale: 20, reportIntervalMs: 250 });
const t0 = Date.now();
function connect(name: string) {
  const c = mqtt.connect({ protocol: "mqtts", host: "127.0.0.1", port: sim.mqttPort, username: "bblp", password: sim.accessCode, ca: sim.caCertPem, servername: sim.serial, rejectUnauthorized: true, reconnectPeriod: 0, clientId: name });
  let n = 0;
  c.on("connect", () => { console.log(Date.now()-t0, name, "connected"); c.subscribe(`device/${sim.serial}/report`); });
  c.on("message", (_t, p) => { n++; if (n % 8 === 1) console.log(Date.now()-t0, name, "msg", n, p.toString().slice(0, 80)); });
  c.on("close", () => console.log(Date.now()-t0, name, "close"));
  c.on("error", (e) => console.log(Date.now()-t0, name, "error", e.message));
  return c;
}
const a = connect("a");
await new Promise(r => setTimeout(r, 1000));
sim.stall(3000);
console.log(Date.now()-t0, "stall");
await new Promise(r => setTimeout(r, 1500));
a.end(true);
const b = connect("b");
await new Promise(r => setTimeout(r, 4000));
console.log("sim", sim.state().gcodeState, sim.state().mqttClients);
b.end(true);
await sim.close();
