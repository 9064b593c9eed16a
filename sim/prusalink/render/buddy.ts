import path from "node:path/posix";
import { fixed } from "../json-wire";
import type { WireValue } from "../json-wire";
import type { ResolvedOptions } from "../options";
import type { ModelSnapshot, PrinterStateName } from "../printer-model";
import type { StorageEntry } from "../storage";
import type { TransferStatus } from "../transfers";
import { progressOf } from "../transfers";
import type { FileTree, FlavourRenderer } from "./renderer";

/** Shapes and number formats of the Buddy firmware (lib/WUI in Prusa-Firmware-Buddy). */
export class BuddyRenderer implements FlavourRenderer {
  constructor(private readonly opts: ResolvedOptions) {}

  version(): WireValue {
    return {
      api: "2.0.0",
      server: "2.1.2",
      nozzle_diameter: fixed(0.4, 2),
      text: "PrusaLink",
      hostname: this.opts.hostname,
      capabilities: { "upload-by-put": true },
    };
  }

  info(): WireValue {
    return {
      nozzle_diameter: fixed(0.4, 2),
      mmu: false,
      serial: this.opts.serial,
      hostname: this.opts.hostname,
      min_extrusion_temp: 170,
    };
  }

  storage(): WireValue {
    return { storage_list: [{ path: "/usb/", name: "usb", type: "USB", read_only: false, available: true }] };
  }

  status(s: ModelSnapshot, transfer: TransferStatus | null): WireValue {
    const job = s.job;
    return {
      job: job
        ? { id: job.id, progress: fixed(job.progress, 2), time_remaining: job.timeRemaining, time_printing: job.timePrinting }
        : undefined,
      storage: { path: "/usb/", name: "usb", read_only: false },
      transfer: transfer ? this.transferTelemetry(transfer) : undefined,
      printer: {
        state: s.state,
        temp_bed: fixed(s.bed.current, 1),
        target_bed: fixed(s.bed.target, 1),
        temp_nozzle: fixed(s.nozzle.current, 1),
        target_nozzle: fixed(s.nozzle.target, 1),
        axis_z: fixed(s.axis.z, 1),
        // The firmware leaves x/y out while a print moves the head.
        axis_x: job ? undefined : fixed(s.axis.x, 1),
        axis_y: job ? undefined : fixed(s.axis.y, 1),
        flow: s.flow,
        speed: s.speed,
        fan_hotend: s.fanHotend,
        fan_print: s.fanPrint,
      },
    };
  }

  job(s: ModelSnapshot): WireValue | null {
    const job = s.job;
    if (!job) return null;
    const apiPath = job.file.apiPath;
    return {
      id: job.id,
      state: s.state === "PRINTING" ? "PRINTING" : "PAUSED",
      progress: fixed(job.progress, 2),
      time_remaining: job.timeRemaining,
      time_printing: job.timePrinting,
      file: {
        refs: { icon: `/thumb/s${apiPath}`, thumbnail: `/thumb/l${apiPath}`, download: apiPath },
        name: path.basename(apiPath),
        display_name: job.file.displayName,
        path: path.dirname(apiPath),
        size: job.file.size,
        m_timestamp: job.file.mtimeSec,
      },
    };
  }

  transfer(t: TransferStatus): WireValue {
    return {
      type: "FROM_CLIENT",
      display_name: t.displayName,
      path: t.path,
      size: t.size,
      progress: fixed(progressOf(t), 2),
      transferred: t.transferred,
      time_transferring: Math.floor((Date.now() - t.startedAt) / 1000),
      to_print: t.toPrint,
    };
  }

  folder(folder: StorageEntry, children: StorageEntry[]): WireValue {
    return {
      type: "FOLDER",
      ro: false,
      // stat() fails on the FAT root, so the firmware has no timestamp for /usb.
      m_timestamp: folder.isRoot ? undefined : folder.mtimeSec,
      name: folder.isRoot ? "usb" : folder.name,
      children: children.map((c) =>
        c.kind === "folder"
          ? { name: c.name, ro: false, type: "FOLDER", m_timestamp: c.mtimeSec, display_name: c.longName }
          : { name: c.name, ro: false, type: "PRINT_FILE", m_timestamp: c.mtimeSec, refs: refs(c), display_name: c.longName },
      ),
    };
  }

  file(f: StorageEntry): WireValue {
    return {
      name: f.name,
      ro: false,
      type: "PRINT_FILE",
      m_timestamp: f.mtimeSec,
      size: f.size,
      refs: refs(f),
      display_name: f.longName,
    };
  }

  legacyPrinter(s: ModelSnapshot): WireValue {
    const flags = legacyFlags(s.state);
    return {
      telemetry: {
        "temp-bed": fixed(s.bed.current, 1),
        "temp-nozzle": fixed(s.nozzle.current, 1),
        "print-speed": s.speed,
        "z-height": fixed(s.axis.z, 1),
        material: s.material,
      },
      temperature: {
        tool0: { actual: fixed(s.nozzle.current, 1), target: fixed(s.nozzle.target, 1), display: fixed(s.nozzle.target, 1), offset: 0 },
        bed: { actual: fixed(s.bed.current, 1), target: fixed(s.bed.target, 1), offset: 0 },
      },
      state: {
        text: flags.printing ? "Printing" : "Operational",
        flags: {
          link_state: flags.linkState,
          operational: flags.operational,
          paused: flags.paused,
          printing: flags.printing,
          cancelling: false,
          pausing: false,
          error: flags.error,
          sdReady: false,
          closedOnError: false,
          ready: flags.ready,
          busy: flags.busy,
        },
      },
    };
  }

  legacyJob(s: ModelSnapshot): WireValue {
    const job = s.job;
    const state = legacyJobStates[s.state] ?? "Operational";
    if (!job) return { state, job: null, progress: null };
    return {
      state,
      job: {
        estimatedPrintTime: job.timePrinting + job.timeRemaining,
        file: { name: job.file.displayName, path: job.file.apiPath, display: job.file.displayName },
      },
      progress: { printTimeLeft: job.timeRemaining, completion: fixed(job.progress / 100, 2), printTime: job.timePrinting },
    };
  }

  /** The OctoPrint-style listing covers only print files at the top of the stick. */
  legacyFiles(trees: FileTree[]): WireValue {
    const files = trees.filter((t) => t.entry.kind === "file").map((t) => t.entry);
    return {
      files: [
        {
          name: "USB",
          path: "/usb",
          display: "USB",
          type: "folder",
          origin: "usb",
          children: files.map((f) => ({
            name: f.name,
            display: f.longName,
            path: `usb/${f.name}`,
            origin: "usb",
            refs: {
              resource: `/api/files/usb/${f.name}`,
              thumbnailSmall: `/thumb/s/usb/${f.name}`,
              thumbnailBig: `/thumb/l/usb/${f.name}`,
              download: `usb/${f.name}`,
            },
          })),
        },
      ],
    };
  }

  private transferTelemetry(t: TransferStatus): WireValue {
    return {
      id: t.id,
      time_transferring: Math.floor((Date.now() - t.startedAt) / 1000),
      progress: fixed(progressOf(t), 2),
      transferred: t.transferred,
    };
  }
}

function refs(f: StorageEntry): WireValue {
  return { icon: `/thumb/s${f.apiPath}`, thumbnail: `/thumb/l${f.apiPath}`, download: f.apiPath };
}

const legacyJobStates: Partial<Record<PrinterStateName, string>> = { PRINTING: "Printing", PAUSED: "Paused", ATTENTION: "Error" };

interface LegacyFlags {
  linkState?: string;
  operational: boolean;
  ready: boolean;
  printing: boolean;
  paused: boolean;
  busy: boolean;
  error: boolean;
}

/** Flags of the legacy /api/printer per link state (basic_gets.cpp get_printer). */
function legacyFlags(state: PrinterStateName): LegacyFlags {
  const base: LegacyFlags = { operational: true, ready: true, printing: false, paused: false, busy: false, error: false };
  switch (state) {
    case "PRINTING":
      return { ...base, linkState: "PRINTING", operational: false, ready: false, printing: true };
    case "PAUSED":
      return { ...base, linkState: "PAUSED", operational: false, ready: false, printing: true, paused: true };
    case "ATTENTION":
      return { ...base, linkState: "ATTENTION", operational: false, ready: false, printing: true, busy: true, error: true };
    case "BUSY":
      return { ...base, linkState: "BUSY", operational: false, ready: false, busy: true };
    case "ERROR":
      return { ...base, linkState: "ERROR", operational: false, ready: false, error: true };
    default:
      return base;
  }
}
