/**
 * Figures for the operator's dashboard with 100 printers: time to first meaningful paint,
 * main-thread time per second while all 100 printers stream "printer.state" events
 * (one per printer per second, appended straight to the event log as the worker would),
 * and the JavaScript the dashboard ships.
 * Run: `npm run build && npx tsx bench/dashboard.ts`. Prints figures; asserts nothing.
 */
import { chromium } from "@playwright/test";
import { emptyState, type NormalizedState } from "@/lib/printers/types";
import { startProduct, unlimitedRates } from "../e2e/support/product";

const PRINTERS = 100;
const SECONDS = 10;
const admin = { name: "Bench", email: "bench@example.com", password: "bench-password-123" };

function printingState(i: number, t: number): NormalizedState {
  const progress = Math.min(100, (i * 7 + t) % 100);
  return {
    ...emptyState(),
    online: true,
    state: "printing",
    nozzle: { current: 219 + Math.sin(t + i), target: 220 },
    bed: { current: 59.5 + Math.cos(t + i) / 2, target: 60 },
    chamber: { current: 31, target: null },
    progress,
    layer: Math.round(progress * 2),
    totalLayers: 200,
    elapsedSeconds: 600 + t,
    remainingSeconds: 3_600 - t * 10,
    jobName: `Teil ${i}`,
    fileName: `teil-${i}.gcode.3mf`,
    printerJobId: `job-${i}`,
    filament: [{ id: "ams0-tray0", type: "PLA", color: "#1D7FD8", remainingPercent: 80, active: true }],
    firmware: "01.04.00.00",
  };
}

async function main(): Promise<void> {
  console.log(`bench/dashboard.ts on Node ${process.version}`);
  const product = await startProduct({ LOG_LEVEL: "error", PRINTERNIZER_WORKER_HEARTBEAT_MS: "5000" , ...unlimitedRates });
  const { baseURL } = product;
  const headers = { origin: baseURL, "content-type": "application/json" };
  await fetch(`${baseURL}/api/setup`, { method: "POST", headers, body: JSON.stringify(admin) });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 3840, height: 2160 }, locale: "de-DE", timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  await page.goto(`${baseURL}/de/login`);
  await page.getByTestId("login-email").fill(admin.email);
  await page.getByTestId("login-password").fill(admin.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();

  // 100 printers nobody answers for; the worker is stopped so only the bench writes their state.
  const ids: string[] = [];
  for (let i = 0; i < PRINTERS; i++) {
    const res = await page.request.post(`${baseURL}/api/printers`, {
      headers: { origin: baseURL },
      data: { kind: "bambu", name: `A1 ${String(i + 1).padStart(3, "0")}`, host: "127.0.0.1", serial: `03919A${String(100000000 + i)}`, accessCode: "0".repeat(8), mqttPort: 9, location: `Halle ${1 + (i % 3)}` },
    });
    ids.push(((await res.json()) as { id: string }).id);
  }
  for (const pid of product.pids().workers) process.kill(pid, "SIGTERM");

  process.env.DATABASE_URL = product.env.DATABASE_URL;
  process.env.PRINTERNIZER_DATA_DIR = product.env.PRINTERNIZER_DATA_DIR;
  const { appendEvent } = await import("@/lib/events/append");
  const { printerEventSchemas } = await import("@/lib/printers/events");
  for (let i = 0; i < PRINTERS; i++) await appendEvent(printerEventSchemas, "printer.state", { state: printingState(i, 0) }, ids[i]);

  // First meaningful paint: the server-rendered cards of all 100 printers.
  await page.goto(`${baseURL}/de?view=wall`, { waitUntil: "load" });
  const paint = await page.evaluate(async () => {
    const lcp = await new Promise<number>((resolve) => {
      new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? 0)).observe({ type: "largest-contentful-paint", buffered: true });
      setTimeout(() => resolve(0), 3_000);
    });
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
    const js = performance
      .getEntriesByType("resource")
      .filter((r): r is PerformanceResourceTiming => r instanceof PerformanceResourceTiming && /\.js(\?|$)/.test(r.name));
    return {
      ttfb: nav.responseStart,
      fcp,
      lcp,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      tiles: document.querySelectorAll("[data-testid=printer-tile]").length,
      jsFiles: js.length,
      jsEncoded: js.reduce((s, r) => s + r.encodedBodySize, 0),
      jsDecoded: js.reduce((s, r) => s + r.decodedBodySize, 0),
    };
  });

  // Main-thread time under 100 printers × 1 event per second.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const metric = async (name: string) =>
    ((await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === name)?.value ?? 0);
  await page.evaluate(() => {
    (window as unknown as { longTasks: number }).longTasks = 0;
    new PerformanceObserver((list) => {
      (window as unknown as { longTasks: number }).longTasks += list.getEntries().length;
    }).observe({ type: "longtask" });
  });
  const task0 = await metric("TaskDuration");
  const script0 = await metric("ScriptDuration");
  const layout0 = await metric("LayoutDuration");
  const style0 = await metric("RecalcStyleDuration");
  const started = performance.now();
  let appended = 0;
  for (let t = 1; t <= SECONDS; t++) {
    const tickStart = performance.now();
    for (let i = 0; i < PRINTERS; i++) {
      await appendEvent(printerEventSchemas, "printer.state", { state: printingState(i, t) }, ids[i]);
      appended++;
    }
    const rest = 1_000 - (performance.now() - tickStart);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  }
  await page.waitForTimeout(1_000);
  const elapsed = (performance.now() - started) / 1000;
  const task = (await metric("TaskDuration")) - task0;
  const script = (await metric("ScriptDuration")) - script0;
  const layout = (await metric("LayoutDuration")) - layout0;
  const style = (await metric("RecalcStyleDuration")) - style0;
  const after = await page.evaluate(() => ({
    longTasks: (window as unknown as { longTasks: number }).longTasks,
    lastLayer: document.querySelector("[data-testid=printer-tile]")?.textContent ?? "",
  }));

  const ms = (v: number) => `${Math.round(v)} ms`;
  const kb = (v: number) => `${(v / 1024).toFixed(0)} KiB`;
  console.log(`dashboard (wall view, 100 printers, 3840×2160):`);
  console.log(`  TTFB ${ms(paint.ttfb)}, first contentful paint ${ms(paint.fcp)}, largest contentful paint ${ms(paint.lcp)}, DOMContentLoaded ${ms(paint.domContentLoaded)}, load ${ms(paint.load)}; ${paint.tiles} tiles in the first HTML`);
  console.log(`  events: ${appended} printer.state in ${elapsed.toFixed(1)} s (${(appended / elapsed).toFixed(0)}/s)`);
  console.log(`  main thread per second: ${ms((task * 1000) / elapsed)} busy (script ${ms((script * 1000) / elapsed)}, style ${ms((style * 1000) / elapsed)}, layout ${ms((layout * 1000) / elapsed)}, the rest paint and compositing in software: no GPU); long tasks (>50 ms): ${after.longTasks}`);
  console.log(`  shipped JS on the dashboard: ${paint.jsFiles} files, ${kb(paint.jsEncoded)} transferred, ${kb(paint.jsDecoded)} uncompressed`);
  await browser.close();
  await product.stop();
}

await main();
