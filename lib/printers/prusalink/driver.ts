import { logger, type Logger } from "@/lib/log/logger";
import type { DownloadTarget, DriverCommand, DriverEvents, NormalizedState, PrinterDriver, RemoteFile } from "@/lib/printers/types";
import type { PrusaLinkConnection } from "./kind";
import { PrusaLinkApi, type UploadOptions } from "./api";
import { PrusaLinkCamera } from "./camera";
import { PrusaLinkHttpClient, type HttpOptions, type PrusaLinkTransport } from "./client";
import { buildDiagnostics } from "./diagnostics";
import { TypedEmitter } from "./events";
import { failure, failureKeys } from "./failures";
import { downloadFile, fetchFileSize, fetchThumbnail, listRemoteFiles, uploadFile } from "./files";
import { PollCoordinator, type PollOptions } from "./poller";
import { PrusaLinkStateReader } from "./snapshot";

export interface PrusaLinkDriverOptions {
  poll?: Partial<PollOptions>;
  http?: Partial<HttpOptions>;
  /** Replaces the HTTP client (tests). */
  transport?: PrusaLinkTransport;
}

/**
 * One PrusaLink printer. All I/O runs through one HTTP client (one request at a
 * time); the poll coordinator decides when state is read; commands make it poll
 * faster for a while so their effect shows quickly.
 */
export class PrusaLinkDriver implements PrinterDriver {
  readonly kind = "prusalink" as const;
  private readonly log: Logger;
  private readonly events: TypedEmitter<DriverEvents>;
  private readonly client: PrusaLinkHttpClient | null;
  private readonly transport: PrusaLinkTransport;
  private readonly api: PrusaLinkApi;
  private readonly reader: PrusaLinkStateReader;
  private readonly coordinator: PollCoordinator;
  private readonly camera: PrusaLinkCamera;

  constructor(
    private readonly connection: PrusaLinkConnection,
    options: PrusaLinkDriverOptions = {},
  ) {
    this.log = logger("prusalink", { host: connection.host, port: connection.httpPort });
    this.events = new TypedEmitter<DriverEvents>(this.log);
    if (options.transport) {
      this.client = null;
      this.transport = options.transport;
    } else {
      const client = new PrusaLinkHttpClient(connection, options.http);
      this.client = client;
      this.transport = client;
    }
    this.api = new PrusaLinkApi(this.transport);
    this.reader = new PrusaLinkStateReader(this.api);
    this.coordinator = new PollCoordinator(this.reader, this.events, this.log, options.poll);
    this.camera = new PrusaLinkCamera(this.api);
  }

  start(): void {
    this.coordinator.start();
  }

  async stop(): Promise<void> {
    const polling = this.coordinator.stop();
    await this.transport.close();
    await polling;
    this.events.removeAll();
  }

  current(): NormalizedState {
    return this.coordinator.current();
  }

  on<E extends keyof DriverEvents>(event: E, listener: DriverEvents[E]): void {
    this.events.on(event, listener);
  }

  off<E extends keyof DriverEvents>(event: E, listener: DriverEvents[E]): void {
    this.events.off(event, listener);
  }

  async command(cmd: DriverCommand): Promise<void> {
    switch (cmd.action) {
      case "pause":
      case "resume":
      case "stop":
        await this.api.jobCommand(cmd.action, await this.activeJobId());
        break;
      case "start":
        await this.api.startPrint(cmd.path);
        break;
      case "light_on":
      case "light_off":
        throw failure("permanent", "protocol", failureKeys.unsupportedCommand, cmd.action);
    }
    this.log.info({ action: cmd.action }, "command sent");
    this.coordinator.expectChange();
  }

  /** The job the command is for: the one last polled, else asked from the printer. */
  private async activeJobId(): Promise<number | null> {
    const known = this.coordinator.current().printerJobId;
    if (known !== null && this.coordinator.current().online) return Number(known);
    if (this.api.generation === "legacy") return null;
    const snap = await this.api.snapshot();
    return snap.generation === "v1" ? (snap.status.job?.id ?? null) : null;
  }

  listFiles(): Promise<RemoteFile[]> {
    return listRemoteFiles(this.api);
  }

  download(path: string, target: DownloadTarget): Promise<{ bytes: number; resumed: boolean }> {
    return downloadFile(this.api, path, target);
  }

  /** Uploads (overwriting a file of the same name); `printAfterUpload` starts it right away. */
  async upload(path: string, source: NodeJS.ReadableStream, size: number, options: Partial<UploadOptions> = {}): Promise<void> {
    const opts: UploadOptions = { printAfterUpload: false, overwrite: true, ...options };
    await uploadFile(this.api, path, source, size, opts);
    if (opts.printAfterUpload) this.coordinator.expectChange();
  }

  deleteFile(path: string): Promise<void> {
    return this.api.deleteFile(path);
  }

  thumbnail(path: string): Promise<Buffer | null> {
    return fetchThumbnail(this.api, path, "l");
  }

  fileSize(path: string): Promise<number | null> {
    return fetchFileSize(this.api, path);
  }

  snapshot(): Promise<Buffer | null> {
    return this.camera.snapshot();
  }

  diagnostics(): unknown {
    return buildDiagnostics({
      connection: this.connection,
      authMode: this.client?.authMode ?? "none",
      generation: this.api.generation,
      state: this.coordinator.current(),
      poll: this.coordinator.stats(),
      http: this.client?.stats() ?? null,
      facts: this.reader.facts(),
    });
  }
}
