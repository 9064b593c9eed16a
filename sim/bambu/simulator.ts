import { realpath, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { logger } from "@/lib/log/logger";
import { type CameraServer, startCameraServer } from "./camera-server";
import { type PemKeyPair, certificateFingerprint, createSimulatorCa, issuePrinterCertificate } from "./certificates";
import { type CommandTarget, type ProjectFileParams, handleRequest } from "./commands";
import { startFtpsServer } from "./ftps-server";
import type { JsonObject, JsonValue } from "./json";
import { type BambuModel, bambuModels } from "./models";
import { startMqttBroker } from "./mqtt-broker";
import { findStorageFile, plateNumber, printFileInfo, storagePathFromUrl } from "./print-files";
import { createPrinterCore } from "./printer-core";
import { type CommandResult, type GcodeState, type HmsEntry, type PrintJob, defaultFailurePrintError } from "./printer-model";
import { createStorageDir, ensureLargeFile, listPrintFiles, prefillStorage } from "./storage";
import { versionReport } from "./version-info";

const port = z.number().int().min(0).max(65535);

export const bambuSimOptionsSchema = z.object({
  serial: z.string().regex(/^[A-Za-z0-9]{1,32}$/, "letters and digits only"),
  accessCode: z.string().min(1).max(32),
  model: z.enum(bambuModels).default("A1"),
  /** Bind address; 127.x.y.z so a fleet can give each printer its own address. */
  host: z.string().default("127.0.0.1"),
  /**
   * Ports default to ephemeral ones (0), so simulators in tests never collide; the fleet
   * behind `npm run sim` and `npm run demo` asks for the real 8883, 990 and 6000.
   */
  mqttPort: port.default(0),
  ftpPort: port.default(0),
  /** Ignored for the X1C, whose camera is RTSPS and not simulated. */
  cameraPort: port.default(0),
  /** SD card contents; a temporary folder (removed on close) when omitted. */
  storageDir: z.string().optional(),
  /** CA to sign the printer certificate with, so a fleet can share one CA file. */
  ca: z.object({ certPem: z.string(), keyPem: z.string() }).optional(),
  maxClients: z.number().int().min(1).default(4),
  /** Real seconds a print runs at standard speed; default: the file's prediction / timeScale. */
  printSeconds: z.number().positive().optional(),
  /** Real seconds of PREPARE; default 60 / timeScale. */
  prepareSeconds: z.number().min(0).optional(),
  /** Simulated seconds per real second for heating and cooling. */
  timeScale: z.number().positive().default(1),
  /** Report period while printing. */
  reportIntervalMs: z.number().int().min(10).default(1000),
  /** Report period when idle; default 4 x reportIntervalMs. */
  idleReportIntervalMs: z.number().int().min(10).optional(),
  developerMode: z.boolean().default(true),
  /** The printer cancels a running print on a new start; clients must not send one. */
  startWhileBusy: z.enum(["refuse", "replace"]).default("refuse"),
  ftpTlsMaxVersion: z.enum(["TLSv1.2", "TLSv1.3"]).default("TLSv1.3"),
  cameraFrameIntervalMs: z.number().int().min(10).default(500),
  /** Put sample .gcode.3mf files on the storage. */
  prefill: z.boolean().default(true),
});
export type BambuSimOptions = z.input<typeof bambuSimOptionsSchema>;

export type MalformedKind = "invalid-json" | "wrong-types";

/** A readable summary of the simulated printer, for tests and the fleet CLI. */
export interface BambuSimState {
  gcodeState: GcodeState;
  percent: number;
  layer: number;
  totalLayers: number;
  remainingMinutes: number;
  nozzleTemp: number;
  nozzleTarget: number;
  bedTemp: number;
  bedTarget: number;
  chamberTemp: number;
  printError: number;
  hms: HmsEntry[];
  lightOn: boolean;
  developerMode: boolean;
  subtaskName: string | null;
  /** Storage path of the current or last print. */
  fileName: string | null;
  taskId: string | null;
  stalled: boolean;
  mqttClients: number;
}

export interface StartPrintOptions {
  plate?: number;
  subtaskName?: string;
  taskId?: string;
  subtaskId?: string;
  useAms?: boolean;
  amsMapping?: number[];
}

export interface BambuSimulator {
  readonly serial: string;
  readonly accessCode: string;
  readonly model: BambuModel;
  readonly host: string;
  readonly mqttPort: number;
  readonly ftpPort: number;
  /** null for the X1C (its camera is RTSPS on 322). */
  readonly cameraPort: number | null;
  readonly caCertPem: string;
  readonly storageDir: string;
  /** SHA-256 fingerprint of the printer certificate currently presented. */
  certificateFingerprint(): string;
  /** Starts a print of a file on storage ("/cache/x.gcode.3mf" or a bare name); throws when busy or missing. */
  startPrint(fileName: string, options?: StartPrintOptions): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Filament runout: PAUSE with the model's runout print_error and an HMS entry. */
  injectRunout(): void;
  /** The print fails: FAILED with the given print_error (default 0x0500C010). */
  injectFailure(printError?: number, hms?: HmsEntry[]): void;
  /** The nozzle heats on its own far past its target until a stop. */
  injectOverheat(): void;
  setDeveloperMode(on: boolean): void;
  /** Drops every MQTT, FTPS and camera connection. */
  disconnectClients(): void;
  /** Sends no reports and ignores requests for `ms` milliseconds. */
  stall(ms: number): void;
  sendMalformed(kind?: MalformedKind): void;
  /** Publishes one report padded to about `bytes` (a firmware bug; clients must refuse it, not buffer it). */
  sendOversized(bytes: number): void;
  /** Issues a new printer certificate (new fingerprint) and drops all connections. */
  rotateCertificate(): string;
  /** Advances simulated time immediately (tests), then reports. */
  advance(seconds: number): void;
  state(): BambuSimState;
  /** Storage paths of printable files. */
  printFiles(): Promise<string[]>;
  /** Creates (once) a deterministic file of `sizeBytes` in /cache; returns its storage path. */
  ensureLargeFile(sizeBytes: number, name?: string): Promise<string>;
  close(): Promise<void>;
}

function idString(value: string | number | undefined): string {
  return value === undefined ? "0" : String(value);
}

export async function startBambuSimulator(input: BambuSimOptions): Promise<BambuSimulator> {
  const opts = bambuSimOptionsSchema.parse(input);
  const log = logger("bambu-sim", { serial: opts.serial, model: opts.model });
  const { profile, random, model, builder } = createPrinterCore(opts.model, opts.serial, {
    prepareSeconds: opts.prepareSeconds ?? 60 / opts.timeScale,
    printSeconds: opts.printSeconds ?? null,
    timeScale: opts.timeScale,
  });
  const ca: PemKeyPair = opts.ca ?? createSimulatorCa();
  let certificate = issuePrinterCertificate(ca, opts.serial);

  const ownsStorage = opts.storageDir === undefined;
  const storageDir = await createStorageDir(opts.storageDir);
  const rootReal = await realpath(storageDir);
  if (opts.prefill) await prefillStorage(storageDir, profile);

  const wifiBase = -(44 + random.int(0, 14));
  let developerMode = opts.developerMode;
  let stalledUntil = 0;
  let lastAdvance = performance.now();
  let closed = false;

  const sync = (): void => {
    const now = performance.now();
    model.advance((now - lastAdvance) / 1000);
    lastAdvance = now;
  };
  const afterSync = (action: () => CommandResult): CommandResult => {
    sync();
    return action();
  };
  const stalled = (): boolean => Date.now() < stalledUntil;
  const extras = () => ({ developerMode, wifiDbm: wifiBase + random.int(-1, 1), hostAddress: opts.host });
  const publish = (message: JsonObject): void => {
    if (!closed && !stalled()) broker.publishReport(JSON.stringify(message));
  };
  // One timer: each report schedules the next, faster while a print is active.
  let timer: NodeJS.Timeout | null = null;
  const idleInterval = opts.idleReportIntervalMs ?? opts.reportIntervalMs * 4;
  const pushUpdate = (): void => {
    sync();
    publish(builder.periodic(model.view(), extras()));
    if (timer) clearTimeout(timer);
    timer = closed ? null : setTimeout(pushUpdate, model.isActive() ? opts.reportIntervalMs : idleInterval);
  };
  const pushFull = (): void => {
    sync();
    publish(builder.full(model.view(), extras()));
  };

  const startJob = async (storagePath: string, disk: string, params: StartPrintOptions): Promise<CommandResult> => {
    const plate = params.plate ?? 1;
    const info = await printFileInfo(disk, plate);
    if (!info) return { ok: false, reason: `no sliced plate ${plate} in ${storagePath}` };
    const trays = builder.amsTrays();
    const mapped = params.amsMapping?.find((slot) => slot >= 0);
    const trayNow = params.useAms === false || trays.length === 0 ? "254" : String(mapped ?? Number(trays[0]));
    const job: PrintJob = {
      storagePath,
      subtaskName: params.subtaskName || path.posix.basename(storagePath),
      plate,
      nominalSeconds: info.predictionSeconds > 0 ? info.predictionSeconds : 1800,
      totalLayers: info.totalLayers > 0 ? info.totalLayers : 100,
      nozzleTarget: info.nozzleTemp,
      bedTarget: info.bedTemp,
      filamentGrams: info.weightGrams,
      taskId: params.taskId ?? "0",
      subtaskId: params.subtaskId ?? "0",
      projectId: "0",
      profileId: "0",
      trayNow,
    };
    sync();
    if (model.isBusy()) {
      if (opts.startWhileBusy === "refuse") return { ok: false, reason: `printer is busy (${model.gcodeState})` };
      model.stop();
    }
    return model.start(job);
  };

  const startProjectFile = async (params: ProjectFileParams): Promise<CommandResult> => {
    const storagePath = storagePathFromUrl(params.url);
    if (!storagePath) return { ok: false, reason: `unsupported url ${params.url}` };
    const found = await findStorageFile(rootReal, storagePath);
    if (!found) return { ok: false, reason: `file not found: ${storagePath}` };
    return startJob(found.storagePath, found.disk, {
      plate: plateNumber(params.param, params.plate_idx),
      subtaskName: params.subtask_name,
      taskId: idString(params.task_id),
      subtaskId: idString(params.subtask_id),
      useAms: params.use_ams,
      amsMapping: params.ams_mapping,
    });
  };

  const target: CommandTarget = {
    developerMode: () => developerMode,
    pushall: pushFull,
    getVersion: (sequenceId: JsonValue) => publish(versionReport(profile, opts.serial, sequenceId)),
    pause: () => afterSync(() => model.pause()),
    resume: () => afterSync(() => model.resume()),
    stop: () => afterSync(() => model.stop()),
    gcodeLine: (text) => model.gcode(text),
    setLight: (node, mode) => {
      if (node !== "chamber_light") return { ok: false, reason: `unknown light ${node}` };
      if (mode !== "on" && mode !== "off" && mode !== "flashing") return { ok: false, reason: `unknown mode ${mode}` };
      model.setLight(mode !== "off");
      return { ok: true };
    },
    setSpeedLevel: (level) => model.setSpeedLevel(level),
    startProjectFile,
    acknowledge: publish,
    changed: pushUpdate,
  };

  let requests: Promise<void> = Promise.resolve();
  const broker = await startMqttBroker({
    host: opts.host,
    port: opts.mqttPort,
    serial: opts.serial,
    accessCode: opts.accessCode,
    certificate,
    maxClients: opts.maxClients,
    log,
    onRequest: (payload) => {
      if (stalled()) return;
      // One at a time and in order, as the printer's single command queue does.
      requests = requests.then(() => handleRequest(payload, target, log)).catch((error: unknown) => log.warn({ err: error }, "request failed"));
    },
  }).catch(async (error: unknown) => {
    if (ownsStorage) await rm(storageDir, { recursive: true, force: true });
    throw error;
  });
  const closeAll: (() => Promise<void>)[] = [() => broker.close()];
  try {
    const ftps = await startFtpsServer({
      host: opts.host,
      port: opts.ftpPort,
      rootDir: storageDir,
      accessCode: opts.accessCode,
      certificate,
      supportsRest: profile.ftpRest,
      supportsFeat: profile.ftpFeat,
      maxTlsVersion: opts.ftpTlsMaxVersion,
      log,
    });
    closeAll.push(() => ftps.close());
    let camera: CameraServer | null = null;
    if (profile.jpegCamera) {
      camera = await startCameraServer({
        host: opts.host,
        port: opts.cameraPort,
        accessCode: opts.accessCode,
        certificate,
        frameIntervalMs: opts.cameraFrameIntervalMs,
        lightOn: () => model.view().lightOn,
        log,
      });
      const cameraServer = camera;
      closeAll.push(() => cameraServer.close());
    }

    timer = setTimeout(pushUpdate, idleInterval);

    const disconnectClients = (): void => {
      broker.disconnectAll();
      ftps.disconnectAll();
      camera?.disconnectAll();
    };
    const must = (result: CommandResult): void => {
      if (!result.ok) throw new Error(result.reason);
      pushUpdate();
    };

    log.info({ mqttPort: broker.port, ftpPort: ftps.port, cameraPort: camera?.port ?? null, host: opts.host }, "bambu simulator started");

    return {
      serial: opts.serial,
      accessCode: opts.accessCode,
      model: opts.model,
      host: opts.host,
      mqttPort: broker.port,
      ftpPort: ftps.port,
      cameraPort: camera?.port ?? null,
      caCertPem: ca.certPem,
      storageDir,
      certificateFingerprint: () => certificateFingerprint(certificate.certPem),
      startPrint: async (fileName, options = {}) => {
        const found = await findStorageFile(rootReal, fileName);
        if (!found) throw new Error(`file not found on storage: ${fileName}`);
        must(await startJob(found.storagePath, found.disk, options));
      },
      pause: () => must(target.pause()),
      resume: () => must(target.resume()),
      stop: () => must(target.stop()),
      injectRunout: () => must(afterSync(() => model.runout())),
      injectFailure: (printError = defaultFailurePrintError, hms = []) => must(afterSync(() => model.fail(printError, hms))),
      injectOverheat: () => {
        sync();
        model.overheat();
        pushUpdate();
      },
      setDeveloperMode: (on) => {
        developerMode = on;
        pushUpdate();
      },
      disconnectClients,
      stall: (ms) => {
        stalledUntil = Date.now() + ms;
      },
      sendOversized: (bytes) => {
        broker.publishReport(JSON.stringify({ print: { command: "push_status", msg: 1, padding: "x".repeat(Math.max(0, bytes)) } }));
      },
      sendMalformed: (kind = "invalid-json") => {
        if (kind === "invalid-json") {
          broker.publishReport('{"print":{"command":"push_status","msg":1,"nozzle_temper":21');
        } else {
          const wrong = { print: { command: "push_status", msg: 1, sequence_id: 7, nozzle_temper: "hot", mc_percent: "half", gcode_state: 3, hms: "none" } };
          broker.publishReport(JSON.stringify(wrong));
        }
      },
      rotateCertificate: () => {
        certificate = issuePrinterCertificate(ca, opts.serial);
        broker.setCertificate(certificate);
        ftps.setCertificate(certificate);
        camera?.setCertificate(certificate);
        disconnectClients();
        return certificateFingerprint(certificate.certPem);
      },
      advance: (seconds) => {
        sync();
        model.advance(seconds);
        pushUpdate();
      },
      state: () => {
        sync();
        const view = model.view();
        return {
          gcodeState: view.gcodeState,
          percent: view.percent,
          layer: view.layer,
          totalLayers: view.totalLayers,
          remainingMinutes: view.remainingMinutes,
          nozzleTemp: view.nozzleTemp,
          nozzleTarget: view.nozzleTarget,
          bedTemp: view.bedTemp,
          bedTarget: view.bedTarget,
          chamberTemp: view.chamberTemp,
          printError: view.printError,
          hms: view.hms,
          lightOn: view.lightOn,
          developerMode,
          subtaskName: view.job?.subtaskName ?? null,
          fileName: view.job?.storagePath ?? null,
          taskId: view.job?.taskId ?? null,
          stalled: stalled(),
          mqttClients: broker.connectedClients(),
        };
      },
      printFiles: () => listPrintFiles(storageDir),
      ensureLargeFile: (sizeBytes, name) => ensureLargeFile(storageDir, sizeBytes, name),
      close: async () => {
        if (closed) return;
        closed = true;
        if (timer) clearTimeout(timer);
        await requests;
        await Promise.all(closeAll.map((close) => close()));
        if (ownsStorage) await rm(storageDir, { recursive: true, force: true });
        log.info("bambu simulator stopped");
      },
    };
  } catch (error) {
    closed = true;
    await Promise.all(closeAll.map((close) => close().catch(() => undefined)));
    if (ownsStorage) await rm(storageDir, { recursive: true, force: true });
    throw error;
  }
}
