import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { logger } from "@/lib/log/logger";
import { startHttpServer } from "./http-server";
import type { PrusaLinkFlavour, PrusaLinkModel, PrusaLinkSimOptions, SlowBoardOptions, SlowBoardSettings } from "./options";
import { resolveOptions, resolveSlow } from "./options";
import type { ModelSnapshot } from "./printer-model";
import { PrinterModel } from "./printer-model";
import { BuddyRenderer } from "./render/buddy";
import { PiRenderer, piLocalName, piSdName } from "./render/pi";
import { RequestAuthenticator } from "./request-auth";
import { infoSelector } from "./routes/api-info";
import { filesSelector } from "./routes/api-files";
import { jobSelector } from "./routes/api-job";
import { statusSelector } from "./routes/api-status";
import type { SimContext } from "./routes/context";
import { downloadSelector } from "./routes/download";
import { legacySelector } from "./routes/legacy";
import { thumbnailSelector } from "./routes/thumbnails";
import { prefillBuddy, prefillPi, printerCodes, writeLargeGcode } from "./sample-files";
import { SlowBoard } from "./slow-board";
import { Storage } from "./storage";
import { ThumbnailCache } from "./thumbnails";
import { TransferTracker } from "./transfers";

export type { PrusaLinkFlavour, PrusaLinkModel, PrusaLinkSimOptions, SlowBoardOptions } from "./options";
export type { ModelSnapshot, PrinterStateName } from "./printer-model";

export interface LargeFile {
  /** Path for the API and the handle: "/usb/THROUG~1.GCO" or "/PrusaLink gcodes/….gcode". */
  apiPath: string;
  /** Where `refs.download` points (Buddy: same as apiPath). */
  downloadPath: string;
  displayName: string;
  size: number;
  diskPath: string;
}

export interface PrusaLinkSimulator {
  readonly host: string;
  readonly port: number;
  /** http://host:port */
  readonly url: string;
  readonly model: PrusaLinkModel;
  readonly flavour: PrusaLinkFlavour;
  readonly username: string;
  readonly password: string;
  /** Pi: the separate X-Api-Key. Buddy: the password (X-Api-Key takes the password there). */
  readonly apiKey: string;
  readonly serial: string;
  readonly hostname: string;
  readonly storageDir: string;
  /**
   * Starts a print as if chosen on the display. `filePath` is an API path
   * ("/usb/OTHER/BENCHY.GCO", long names work too). Throws when missing or busy.
   */
  startPrint(filePath: string): Promise<void>;
  /** At the printer: these return false when the printer is not in a state that allows them. */
  pause(): boolean;
  /** Resumes a paused print or one waiting for attention (filament loaded). */
  resume(): boolean;
  stop(): boolean;
  injectRunout(): boolean;
  injectError(): void;
  injectOverheat(): void;
  /** Confirms the message on the display: finished/stopped/error back to idle, overheat cleared. */
  acknowledge(): void;
  setSlow(opts: SlowBoardOptions | null): void;
  /** The board stops answering for `ms` (requests wait, none fail). */
  stall(ms: number): void;
  state(): ModelSnapshot & { slow: SlowBoardSettings | null; stalled: boolean };
  /** API paths of every print file on the printer. */
  printFiles(): Promise<string[]>;
  /** Creates (or reuses) a valid G-code file of exactly `sizeBytes` for throughput tests. */
  ensureLargeFile(sizeBytes: number): Promise<LargeFile>;
  close(): Promise<void>;
}

export async function startPrusaLinkSimulator(input: PrusaLinkSimOptions): Promise<PrusaLinkSimulator> {
  const opts = resolveOptions(input);
  const ownsStorage = opts.storageDir === undefined;
  const storageDir = opts.storageDir ?? (await mkdtemp(path.join(tmpdir(), "prusalink-sim-")));
  const log = logger("sim-prusalink", { model: opts.model, flavour: opts.flavour });

  const storages =
    opts.flavour === "pi"
      ? [
          new Storage({ id: "local", dir: path.join(storageDir, piLocalName), readOnly: false, shortNames: false, apiRoot: `/${piLocalName}` }),
          new Storage({ id: "sdcard", dir: path.join(storageDir, piSdName), readOnly: true, shortNames: false, apiRoot: `/${piSdName}` }),
        ]
      : [new Storage({ id: "usb", dir: storageDir, readOnly: false, shortNames: true, apiRoot: "/usb" })];
  if (opts.flavour === "pi") await prefillPi(path.join(storageDir, piLocalName), path.join(storageDir, piSdName));
  else await prefillBuddy(storageDir, opts.model, opts.sampleBgcode);

  const model = new PrinterModel({ printSeconds: opts.printSeconds, firstJobId: opts.firstJobId });
  const resolveApiPath = async (segments: string[]) => {
    const [rootName, ...rest] = segments;
    const storage = storages.find((s) => s.spec.apiRoot === `/${rootName}`);
    return storage ? storage.resolve(rest) : null;
  };
  const sim: SimContext = {
    opts,
    model,
    storages,
    render: opts.flavour === "pi" ? new PiRenderer(opts) : new BuddyRenderer(opts),
    transfers: new TransferTracker(),
    thumbnails: new ThumbnailCache(),
    log,
    resolveApiPath,
  };
  const slow = new SlowBoard(opts.slow);
  let stalledUntil = 0;
  const server = await startHttpServer(opts.host, opts.port, {
    sim,
    auth: new RequestAuthenticator({
      flavour: opts.flavour,
      username: opts.username,
      password: opts.password,
      apiKey: opts.apiKey,
      hostname: opts.hostname,
      nonceTtlMs: opts.nonceTtlMs,
      rejectAlgorithmParam: opts.rejectAlgorithmParam,
    }),
    slow,
    stalledUntil: () => stalledUntil,
    selectors: [infoSelector, statusSelector, jobSelector, filesSelector, legacySelector, downloadSelector, thumbnailSelector],
  });
  log.info({ host: opts.host, port: server.port, storageDir }, "PrusaLink simulator listening");

  const segmentsOf = (filePath: string) => filePath.split("/").filter((s) => s.length > 0);
  const primary = storages[0];
  if (!primary) throw new Error("simulator has no storage");

  return {
    host: opts.host,
    port: server.port,
    url: `http://${opts.host}:${server.port}`,
    model: opts.model,
    flavour: opts.flavour,
    username: opts.username,
    password: opts.password,
    apiKey: opts.flavour === "pi" ? opts.apiKey : opts.password,
    serial: opts.serial,
    hostname: opts.hostname,
    storageDir,
    async startPrint(filePath) {
      const entry = await resolveApiPath(segmentsOf(filePath));
      if (!entry || entry.kind !== "file") throw new Error(`no print file at ${filePath}`);
      const job = model.start(entry.storage.fileRef(entry));
      if (!job) throw new Error(`printer is ${model.snapshot().state}, cannot start ${filePath}`);
      log.info({ jobId: job.id, file: entry.longName }, "print started at the printer");
    },
    pause: () => model.pause(),
    resume: () => model.resumeAtPrinter(),
    stop: () => model.stop(),
    injectRunout: () => model.injectRunout(),
    injectError: () => model.injectError(),
    injectOverheat: () => model.injectOverheat(),
    acknowledge: () => model.acknowledge(),
    setSlow: (settings) => slow.set(resolveSlow(settings)),
    stall(ms) {
      stalledUntil = Math.max(stalledUntil, Date.now() + ms);
    },
    state: () => ({ ...model.snapshot(), slow: slow.current(), stalled: Date.now() < stalledUntil }),
    async printFiles() {
      const lists = await Promise.all(storages.map((s) => s.printFiles()));
      return lists.flat().map((e) => e.apiPath);
    },
    async ensureLargeFile(sizeBytes) {
      const displayName = `Throughput-Test_${sizeBytes}B_0.4n_0.2mm_PLA_${printerCodes[opts.model]}_2h.gcode`;
      const target = await primary.writeTarget([displayName]);
      if (!target) throw new Error("cannot place the large file");
      const existing = await stat(target.diskPath).catch(() => null);
      if (!existing || existing.size !== sizeBytes) await writeLargeGcode(target.diskPath, sizeBytes, opts.model);
      const entry = await primary.resolve([displayName]);
      if (!entry) throw new Error("large file vanished");
      return {
        apiPath: entry.apiPath,
        downloadPath: opts.flavour === "pi" ? `/api/files/local${entry.displayPath}/raw` : entry.apiPath,
        displayName,
        size: entry.size,
        diskPath: entry.diskPath,
      };
    },
    async close() {
      await server.close();
      if (ownsStorage) await rm(storageDir, { recursive: true, force: true });
      log.info("PrusaLink simulator closed");
    },
  };
}
