import { expect, type APIRequestContext } from "@playwright/test";
import type { BambuSimulator } from "@/sim/bambu";

/** Same-origin JSON calls with the page's session cookie (the API refuses cross-origin writes). */
export async function apiPost(request: APIRequestContext, baseURL: string, path: string, data: unknown, method = "POST") {
  const response = await request.fetch(`${baseURL}${path}`, { method, data, headers: { origin: baseURL } });
  return { status: response.status(), body: (await response.json().catch(() => null)) as unknown };
}

/** Registers a Bambu simulator as a printer through the API, trusting the simulator's own CA. */
export async function addBambuPrinter(
  request: APIRequestContext,
  baseURL: string,
  sim: BambuSimulator,
  name: string,
  location?: string,
): Promise<string> {
  const { status, body } = await apiPost(request, baseURL, "/api/printers", {
    kind: "bambu",
    name,
    host: sim.host,
    serial: sim.serial,
    accessCode: sim.accessCode,
    model: sim.model,
    mqttPort: sim.mqttPort,
    ftpPort: sim.ftpPort,
    ...(sim.cameraPort ? { cameraPort: sim.cameraPort } : {}),
    tls: "custom-ca",
    caCert: sim.caCertPem,
    ...(location ? { location } : {}),
  });
  expect(status, JSON.stringify(body)).toBe(201);
  const id = (body as { id?: unknown }).id;
  if (typeof id !== "string") throw new Error("no printer id in the answer");
  return id;
}

/** The simulator's first printable file. */
export async function printableFile(sim: BambuSimulator): Promise<string> {
  const file = (await sim.printFiles()).find((f) => f.endsWith(".gcode.3mf"));
  if (!file) throw new Error("the simulator has no print file");
  return file;
}
