import { afterEach, describe, expect, it } from "vitest";
import { PrinterFailure, type NormalizedState } from "@/lib/printers/types";
import type { PrusaLinkConnection } from "./kind";
import { PrusaLinkDriver } from "./driver";
import { failureKeys } from "./failures";
import { startFakeFirmware, type FakeFirmware } from "@/testing/printers/prusalink/fake-firmware";

const PASSWORD = "pw-driver";
const open: { close(): Promise<void> }[] = [];
const drivers: PrusaLinkDriver[] = [];

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function setup(): Promise<{ fw: FakeFirmware; driver: PrusaLinkDriver; conn: PrusaLinkConnection }> {
  const fw = await startFakeFirmware({ password: PASSWORD });
  open.push(fw);
  const conn: PrusaLinkConnection = { kind: "prusalink", host: "127.0.0.1", httpPort: fw.port, username: "maker", password: PASSWORD, apiKey: null, model: "Core One" };
  const driver = new PrusaLinkDriver(conn, { poll: { idleIntervalMs: 40, printingIntervalMs: 40, afterCommandIntervalMs: 10 } });
  drivers.push(driver);
  return { fw, driver, conn };
}

function waitForState(driver: PrusaLinkDriver, predicate: (s: NormalizedState) => boolean): Promise<NormalizedState> {
  return new Promise((resolve, reject) => {
    if (predicate(driver.current())) return resolve(driver.current());
    const timer = setTimeout(() => reject(new Error(`state never matched; last ${JSON.stringify(driver.current())}`)), 5_000);
    const listener = (s: NormalizedState) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      driver.off("state", listener);
      resolve(s);
    };
    driver.on("state", listener);
  });
}

describe("PrusaLinkDriver over a firmware-like server", () => {
  it("connects, follows a print through pause/resume/stop, and says so in events", async () => {
    const { fw, driver } = await setup();
    const connection: boolean[] = [];
    driver.on("connection", (online) => connection.push(online));
    driver.start();
    await waitForState(driver, (s) => s.state === "idle" && s.online);
    expect(connection).toEqual([true]);
    expect(driver.current().firmware).toBe("6.2.0+8888");

    await driver.command({ action: "start", path: "/usb/BENCHY.GCO" });
    const printing = await waitForState(driver, (s) => s.state === "printing");
    expect(printing.printerJobId).toBe(String(fw.printer.jobId));
    expect(printing.jobName).toBe("benchy.gcode");
    expect(printing.fileName).toBe("/usb/BENCHY.GCO");

    await driver.command({ action: "pause" });
    await waitForState(driver, (s) => s.state === "paused");
    const conflict = await driver.command({ action: "pause" }).catch((e: unknown) => e);
    expect(conflict instanceof PrinterFailure && conflict.message).toBe(failureKeys.jobWrongState);
    await driver.command({ action: "resume" });
    await waitForState(driver, (s) => s.state === "printing");
    await driver.command({ action: "stop" });
    await waitForState(driver, (s) => s.state === "cancelled");

    const light = await driver.command({ action: "light_on" }).catch((e: unknown) => e);
    expect(light instanceof PrinterFailure && [light.kind, light.message]).toEqual(["permanent", failureKeys.unsupportedCommand]);
    expect(fw.stats.maxInFlight).toBe(1);
  });

  it("pause without a job is refused clearly", async () => {
    const { driver } = await setup();
    driver.start();
    await waitForState(driver, (s) => s.state === "idle");
    const err = await driver.command({ action: "pause" }).catch((e: unknown) => e);
    expect(err instanceof PrinterFailure && err.message).toBe(failureKeys.noActiveJob);
  });

  it("stop() removes listeners and ends polling", async () => {
    const { fw, driver } = await setup();
    let states = 0;
    driver.on("state", () => (states += 1));
    driver.start();
    await waitForState(driver, (s) => s.online);
    await driver.stop();
    const seen = states;
    const requests = fw.stats.requests;
    fw.printer.state = "PRINTING";
    await new Promise((r) => setTimeout(r, 200));
    expect(states).toBe(seen);
    expect(fw.stats.requests).toBe(requests);
  });

  it("diagnostics leave out secrets", async () => {
    const { driver } = await setup();
    driver.start();
    await waitForState(driver, (s) => s.online);
    const text = JSON.stringify(driver.diagnostics());
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("SN123");
    expect(text).toContain("**REDACTED**");
    expect(text).toContain('"api":"v1"');
  });

  it("snapshot is null on Buddy (no camera endpoint)", async () => {
    const { driver } = await setup();
    expect(await driver.snapshot()).toBeNull();
  });
});
