import { pyFloat } from "../json-wire";
import type { WireValue } from "../json-wire";
import type { ResolvedOptions } from "../options";
import type { ModelSnapshot, PrinterStateName } from "../printer-model";
import type { PrintFileRef } from "../print-file";
import { estimatedSecondsFromName, layerHeightFromName, materialFromName } from "../print-file";
import type { StorageEntry } from "../storage";
import type { TransferStatus } from "../transfers";
import { progressOf } from "../transfers";
import type { FileTree, FlavourRenderer, SpaceInfo } from "./renderer";

export const piLocalName = "PrusaLink gcodes";
export const piSdName = "SD Card";

/** Shapes of the Raspberry Pi Prusa-Link 0.7 (Python; floats always carry a decimal point). */
export class PiRenderer implements FlavourRenderer {
  constructor(private readonly opts: ResolvedOptions) {}

  version(): WireValue {
    return {
      api: "0.9.0-legacy",
      server: "0.7.2",
      original: "PrusaLink I3MK3S",
      text: "PrusaLink 0.7.2",
      firmware: "3.13.1-6876",
      sdk: "0.7.1",
      capabilities: { "upload-by-put": true },
      hostname: this.opts.hostname,
    };
  }

  info(): WireValue {
    return {
      name: this.opts.model,
      location: "Workshop",
      farm_mode: false,
      network_error_chime: false,
      nozzle_diameter: pyFloat(0.4),
      min_extrusion_temp: 170,
      serial: this.opts.serial,
      hostname: this.opts.hostname,
      port: 0,
    };
  }

  storage(space: SpaceInfo): WireValue {
    const local = space.printBytes["local"] ?? 0;
    const sd = space.printBytes["sdcard"] ?? 0;
    return {
      storage_list: [
        {
          type: "LOCAL",
          path: "/local",
          available: true,
          free_space: space.freeBytes,
          total_space: space.totalBytes,
          read_only: false,
          name: piLocalName,
          print_files: local,
          system_files: 0,
        },
        { type: "SDCARD", path: "/sdcard", available: true, read_only: true, name: piSdName, print_files: sd, system_files: 0 },
      ],
    };
  }

  status(s: ModelSnapshot, transfer: TransferStatus | null, space: SpaceInfo): WireValue {
    const job = s.job;
    return {
      storage: [
        { path: "/local", read_only: false, free_space: space.freeBytes, name: piLocalName },
        { path: "/sdcard", read_only: true, name: piSdName },
      ],
      printer: {
        state: s.state,
        temp_nozzle: pyFloat(s.nozzle.current),
        temp_bed: pyFloat(s.bed.current),
        axis_z: pyFloat(s.axis.z),
        axis_x: job ? undefined : pyFloat(s.axis.x),
        axis_y: job ? undefined : pyFloat(s.axis.y),
        flow: s.flow,
        speed: s.speed,
        fan_hotend: s.fanHotend,
        fan_print: s.fanPrint,
        status_connect: { ok: true, message: "Connect isn't configured" },
        status_printer: { ok: true, message: "OK" },
        target_nozzle: pyFloat(s.nozzle.target),
        target_bed: pyFloat(s.bed.target),
      },
      job: job
        ? {
            id: job.id,
            progress: pyFloat(job.progress),
            time_remaining: job.timeRemaining,
            // Python leaves falsy values out here, so a print that just began has none.
            time_printing: job.timePrinting > 0 ? job.timePrinting : undefined,
          }
        : undefined,
      transfer: transfer
        ? { id: transfer.id, time_transferring: secondsSince(transfer.startedAt), progress: pyFloat(round2(progressOf(transfer))), transferred: transfer.transferred }
        : undefined,
    };
  }

  job(s: ModelSnapshot): WireValue | null {
    const job = s.job;
    if (!job) return null;
    const file = job.file;
    return {
      file: {
        name: file.displayName,
        display_name: file.displayName,
        path: file.apiPath,
        display_path: file.displayPath,
        size: file.size,
        m_timestamp: file.mtimeSec,
        refs: printRefs(file.storageId, file.displayPath),
        meta: meta(file),
      },
      id: job.id,
      state: s.state === "PRINTING" ? "PRINTING" : "PAUSED",
      progress: pyFloat(job.progress),
      time_remaining: job.timeRemaining,
      time_printing: job.timePrinting,
      inaccurate_estimates: false,
    };
  }

  transfer(t: TransferStatus): WireValue {
    return {
      type: "FROM_CLIENT",
      display_name: t.displayName,
      path: "/local",
      url: null,
      size: t.size,
      progress: pyFloat(round2(progressOf(t))),
      transferred: t.transferred,
      time_remaining: null,
      time_transferring: secondsSince(t.startedAt),
      to_print: t.toPrint,
    };
  }

  folder(folder: StorageEntry, children: StorageEntry[]): WireValue {
    const readOnly = folder.storage.spec.readOnly;
    return {
      name: folder.longName,
      read_only: readOnly,
      type: "FOLDER",
      m_timestamp: folder.mtimeSec,
      display_name: folder.longName,
      children: children.map((c) =>
        c.kind === "folder"
          ? { name: c.longName, read_only: readOnly, type: "FOLDER", m_timestamp: c.mtimeSec, display_name: c.longName }
          : {
              name: c.longName,
              read_only: readOnly,
              type: "PRINT_FILE",
              m_timestamp: c.mtimeSec,
              size: c.size,
              display_name: c.longName,
              refs: printRefs(c.storage.id, c.displayPath),
            },
      ),
    };
  }

  file(f: StorageEntry): WireValue {
    return {
      name: f.longName,
      read_only: f.storage.spec.readOnly,
      type: "PRINT_FILE",
      m_timestamp: f.mtimeSec,
      size: f.size,
      display_name: f.longName,
      refs: printRefs(f.storage.id, f.displayPath),
      meta: meta(f.storage.fileRef(f)),
    };
  }

  legacyPrinter(s: ModelSnapshot, space: SpaceInfo): WireValue {
    const printing = s.state === "PRINTING" || s.state === "PAUSED" || s.state === "ATTENTION";
    const job = s.job;
    return {
      temperature: {
        tool0: { actual: pyFloat(s.nozzle.current), target: pyFloat(s.nozzle.target) },
        bed: { actual: pyFloat(s.bed.current), target: pyFloat(s.bed.target) },
      },
      sd: { ready: true },
      state: {
        text: legacyText(s.state),
        flags: {
          operational: !printing,
          paused: s.state === "PAUSED",
          printing,
          cancelling: false,
          pausing: false,
          sdReady: true,
          error: s.state === "ERROR" || s.state === "ATTENTION",
          ready: !printing,
          closedOrError: false,
          finished: s.state === "FINISHED",
          prepared: false,
          link_state: s.state,
        },
      },
      telemetry: {
        "temp-bed": pyFloat(s.bed.current),
        "temp-nozzle": pyFloat(s.nozzle.current),
        material: job ? job.material : " - ",
        "z-height": pyFloat(s.axis.z),
        "print-speed": s.speed,
        axis_x: job ? null : pyFloat(s.axis.x),
        axis_y: job ? null : pyFloat(s.axis.y),
        axis_z: pyFloat(s.axis.z),
      },
      storage: { local: { free_space: space.freeBytes, total_space: space.totalBytes }, sd_card: null },
    };
  }

  legacyJob(s: ModelSnapshot): WireValue {
    const job = s.job;
    const file = job?.file;
    return {
      job: {
        estimatedPrintTime: job ? job.timePrinting + job.timeRemaining : null,
        averagePrintTime: null,
        lastPrintTime: null,
        filament: null,
        file: {
          name: file?.displayName ?? null,
          path: file?.displayPath ?? null,
          size: file?.size ?? null,
          origin: file ? (file.storageId === "sdcard" ? "sdcard" : "local") : null,
          date: file?.mtimeSec ?? null,
          display: file?.displayName ?? null,
        },
        user: job ? "_api" : null,
      },
      progress: {
        completion: job ? pyFloat(round2(job.progress / 100)) : null,
        filepos: job ? Math.round((file?.size ?? 0) * (job.progress / 100)) : null,
        printTime: job ? job.timePrinting : null,
        printTimeLeft: job ? job.timeRemaining : null,
        printTimeLeftOrigin: job ? "estimate" : null,
        pos_z_mm: pyFloat(s.axis.z),
        printSpeed: s.speed,
        flow_factor: s.flow,
      },
      state: legacyText(s.state),
    };
  }

  legacyFiles(trees: FileTree[], space: SpaceInfo): WireValue {
    return {
      files: trees.map((t) => legacyNode(t)),
      free: `${Math.floor(space.freeBytes / 1024 ** 3)} G`,
      total: `${Math.floor(space.totalBytes / 1024 ** 3)} G`,
    };
  }
}

function legacyNode(tree: FileTree): WireValue {
  const e = tree.entry;
  const sd = e.storage.id === "sdcard";
  const origin = sd ? "sdcard" : "local";
  if (e.kind === "folder") {
    return {
      name: e.longName,
      path: e.displayPath,
      display: e.longName,
      date: sd ? null : e.mtimeSec,
      size: totalSize(tree),
      read_only: sd && e.isRoot ? true : undefined,
      type: "folder",
      typePath: ["folder"],
      origin,
      refs: { resource: null },
      children: tree.children.map(legacyNode),
    };
  }
  const ref = e.storage.fileRef(e);
  return {
    name: e.longName,
    path: e.displayPath,
    display: e.longName,
    date: e.mtimeSec,
    size: e.size,
    origin,
    type: "machinecode",
    typePath: ["machinecode", "gcode"],
    hash: null,
    refs: printRefs(e.storage.id, e.displayPath),
    read_only: sd ? true : undefined,
    gcodeAnalysis: {
      estimatedPrintTime: estimatedSecondsFromName(ref.displayName),
      material: materialFromName(ref.displayName).material,
      layerHeight: layerHeightFromName(ref.displayName),
    },
  };
}

function totalSize(tree: FileTree): number {
  return tree.children.reduce((sum, c) => sum + (c.entry.kind === "file" ? c.entry.size : totalSize(c)), 0);
}

/** Files on the SD card cannot be downloaded or previewed through the Pi; local ones can. */
function printRefs(storageId: string, displayPath: string): WireValue {
  if (storageId === "sdcard") return { download: null, icon: null, thumbnail: null };
  return { download: `/api/files/local${displayPath}/raw`, icon: null, thumbnail: `/api/thumbnails${displayPath}.orig.png` };
}

function meta(file: PrintFileRef): WireValue {
  const seconds = estimatedSecondsFromName(file.displayName) ?? 0;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return {
    "estimated printing time (normal mode)": h > 0 ? `${h}h${m}m` : `${m}m`,
    printer_model: "MK3S",
    layer_height: pyFloat(layerHeightFromName(file.displayName) ?? 0.2),
    filament_type: materialFromName(file.displayName).material,
    estimated_print_time: seconds,
  };
}

function legacyText(state: PrinterStateName): string {
  switch (state) {
    case "PRINTING":
    case "ATTENTION":
      return "Printing";
    case "PAUSED":
      return "Paused";
    case "ERROR":
      return "Error";
    default:
      return "Operational";
  }
}

function secondsSince(ms: number): number {
  return Math.floor((Date.now() - ms) / 1000);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
