import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/**
 * Test helper only: a tiny HTTP server answering like the Buddy firmware's PrusaLink
 * (Digest RFC 2069 with expiring nonces and stale=true, X-Api-Key, job commands
 * with 409/404, Range downloads, PUT uploads). Its Digest check is written
 * independently of digest-auth.ts so the two can disagree.
 */

export interface FakeFirmwareOptions {
  password?: string;
  apiKey?: string;
  nonceTtlMs?: number;
  /** Answer 404 on every /api/v1 path, like firmware without the v1 API. */
  legacy?: boolean;
  /** Answer 200 with the whole file instead of 206 to a Range request. */
  ignoreRange?: boolean;
  latencyMs?: number;
}

interface FakeFile {
  data: Buffer;
  displayName: string;
  mtime: number;
}

export interface FakeFirmware {
  port: number;
  printer: { state: string; jobId: number | null; jobPath: string | null; progress: number };
  files: Map<string, FakeFile>;
  stats: {
    requests: number;
    inFlight: number;
    maxInFlight: number;
    unauthorized: number;
    stale: number;
    authorizations: string[];
    paths: string[];
    uploads: { path: string; printAfterUpload: string | undefined; overwrite: string | undefined; bytes: number }[];
  };
  /** Lets a test answer a request itself; return true when it did. */
  intercept: ((req: IncomingMessage, res: ServerResponse) => boolean) | null;
  /** Cuts the next download's connection after this many body bytes. */
  cutDownloadAfter: number | null;
  expireNonces(): void;
  close(): Promise<void>;
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const REALM = "Printer API";

function authParams(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of header.replace(/^Digest\s+/i, "").matchAll(/([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    out.set(m[1].toLowerCase(), (m[2] ?? m[3]).replace(/\\(.)/g, "$1"));
  }
  return out;
}

export function defaultFiles(): Map<string, FakeFile> {
  const files = new Map<string, FakeFile>();
  files.set("/usb/BENCHY.GCO", { data: randomBytes(300_000), displayName: "benchy.gcode", mtime: 1693502066 });
  files.set("/usb/OTHER/PART~1.BGC", { data: randomBytes(1000), displayName: "part one.bgcode", mtime: 1693516266 });
  files.set("/usb/OTHER/DEEP/X.BGC", { data: randomBytes(10), displayName: "x.bgcode", mtime: 1693516266 });
  return files;
}

export async function startFakeFirmware(options: FakeFirmwareOptions = {}): Promise<FakeFirmware> {
  const nonces = new Map<string, number>();
  const ttl = options.nonceTtlMs ?? 300_000;
  let nextJobId = 100;

  const fw: FakeFirmware = {
    port: 0,
    printer: { state: "IDLE", jobId: null, jobPath: null, progress: 0 },
    files: defaultFiles(),
    stats: { requests: 0, inFlight: 0, maxInFlight: 0, unauthorized: 0, stale: 0, authorizations: [], paths: [], uploads: [] },
    intercept: null,
    cutDownloadAfter: null,
    expireNonces: () => {
      for (const key of nonces.keys()) nonces.set(key, 0);
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const newNonce = () => {
    const n = randomBytes(8).toString("hex");
    nonces.set(n, Date.now());
    return n;
  };

  const challenge = (res: ServerResponse, stale: boolean) => {
    fw.stats.unauthorized += 1;
    if (stale) fw.stats.stale += 1;
    res.writeHead(401, {
      "www-authenticate": `Digest realm="${REALM}", nonce="${newNonce()}", stale=${stale ? "true" : "false"}`,
      "content-type": "text/plain",
    });
    res.end("Unauthorized");
  };

  /** True when the request may proceed; otherwise the 401/400 has been sent. */
  const authorized = (req: IncomingMessage, res: ServerResponse): boolean => {
    const key = req.headers["x-api-key"];
    if (key !== undefined) {
      if (key === (options.apiKey ?? options.password)) return true;
      fw.stats.unauthorized += 1;
      res.writeHead(401).end();
      return false;
    }
    const header = req.headers.authorization;
    if (!header) {
      challenge(res, false);
      return false;
    }
    fw.stats.authorizations.push(header);
    const p = authParams(header);
    // Like the firmware that chokes on it.
    if (p.has("algorithm")) {
      res.writeHead(400).end("algorithm not supported");
      return false;
    }
    const nonce = p.get("nonce") ?? "";
    const ha1 = md5(`${p.get("username")}:${REALM}:${options.password ?? ""}`);
    const ha2 = md5(`${req.method}:${p.get("uri")}`);
    const expected = md5(`${ha1}:${nonce}:${ha2}`);
    if (p.get("username") !== "maker" || p.get("response") !== expected || p.get("uri") !== req.url) {
      challenge(res, false);
      return false;
    }
    const issued = nonces.get(nonce);
    if (issued === undefined) {
      challenge(res, false);
      return false;
    }
    if (Date.now() - issued > ttl) {
      nonces.delete(nonce);
      challenge(res, true);
      return false;
    }
    return true;
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const listing = (folder: string) => {
    const prefix = folder.endsWith("/") ? folder : `${folder}/`;
    const names = new Map<string, "FOLDER" | "PRINT_FILE">();
    for (const path of fw.files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length).split("/");
      names.set(rest[0], rest.length > 1 ? "FOLDER" : "PRINT_FILE");
    }
    if (names.size === 0 && folder !== "/usb") return null;
    return {
      type: "FOLDER",
      ro: false,
      name: folder.split("/").pop(),
      children: [...names].map(([name, type]) => {
        const file = fw.files.get(prefix + name);
        return type === "FOLDER"
          ? { name, ro: false, type, m_timestamp: 1693516266, display_name: name }
          : {
              name,
              ro: false,
              type,
              m_timestamp: file?.mtime,
              display_name: file?.displayName,
              refs: { icon: `/thumb/s${prefix}${name}`, thumbnail: `/thumb/l${prefix}${name}`, download: `${prefix}${name}` },
            };
      }),
    };
  };

  const status = () => ({
    ...(fw.printer.jobId !== null
      ? { job: { id: fw.printer.jobId, progress: fw.printer.progress, time_remaining: 600, time_printing: 60 } }
      : {}),
    storage: { path: "/usb/", name: "usb", read_only: false },
    printer: { state: fw.printer.state, temp_bed: 60, target_bed: 60, temp_nozzle: 215, target_nozzle: 215, axis_z: 1, flow: 100, speed: 100 },
  });

  const startJob = (path: string) => {
    fw.printer = { state: "PRINTING", jobId: nextJobId++, jobPath: path, progress: 0 };
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://printer");
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? "GET";
    if (fw.intercept?.(req, res)) return;
    if (!authorized(req, res)) {
      req.resume();
      return;
    }
    fw.stats.paths.push(`${method} ${url.pathname}`);
    if (options.legacy && path.startsWith("/api/v1/")) return json(res, 404, { title: "Not Found", text: "" });

    if (path === "/api/version") return json(res, 200, { api: "2.0.0", server: "2.1.2", text: "PrusaLink", hostname: "prusa-coreone", firmware: "6.2.0+8888", printer: "COREONE" });
    if (path === "/api/v1/info") return json(res, 200, { nozzle_diameter: 0.4, mmu: false, serial: "SN123", hostname: "prusa-coreone", min_extrusion_temp: 170 });
    if (path === "/api/v1/status") return json(res, 200, status());
    if (path === "/api/v1/storage") return json(res, 200, { storage_list: [{ path: "/usb/", name: "usb", type: "USB", read_only: false, available: true }] });
    if (path === "/api/v1/job" && method === "GET") {
      if (fw.printer.jobId === null) return res.writeHead(204).end();
      const file = fw.printer.jobPath ? fw.files.get(fw.printer.jobPath) : undefined;
      const parts = (fw.printer.jobPath ?? "").split("/");
      return json(res, 200, {
        id: fw.printer.jobId,
        state: fw.printer.state,
        progress: fw.printer.progress,
        time_remaining: 600,
        time_printing: 60,
        file: { name: parts.pop(), display_name: file?.displayName, path: parts.join("/"), size: file?.data.length, m_timestamp: file?.mtime },
      });
    }
    const jobCmd = /^\/api\/v1\/job\/(\d+)(?:\/(pause|resume))?$/.exec(path);
    if (jobCmd) {
      const id = Number(jobCmd[1]);
      if (id !== fw.printer.jobId) return json(res, 404, { title: "Not Found", text: "No job with that id" });
      const action = jobCmd[2] ?? (method === "DELETE" ? "stop" : "");
      const s = fw.printer.state;
      if (action === "pause" && s === "PRINTING") fw.printer.state = "PAUSED";
      else if (action === "resume" && (s === "PAUSED" || s === "ATTENTION")) fw.printer.state = "PRINTING";
      else if (action === "stop" && (s === "PRINTING" || s === "PAUSED" || s === "ATTENTION")) fw.printer.state = "STOPPED";
      else return json(res, 409, { title: "Conflict", text: `Cannot ${action} in ${s}` });
      return res.writeHead(204).end();
    }
    if (path.startsWith("/api/v1/files/")) {
      const target = path.slice("/api/v1/files".length).replace(/\/$/, "");
      if (method === "GET") {
        const file = fw.files.get(target);
        if (file) {
          const name = target.split("/").pop();
          return json(res, 200, {
            name,
            ro: false,
            type: "PRINT_FILE",
            size: file.data.length,
            m_timestamp: file.mtime,
            display_name: file.displayName,
            refs: { download: target, thumbnail: `/thumb/l${target}`, icon: `/thumb/s${target}` },
          });
        }
        const folder = listing(target);
        return folder ? json(res, 200, folder, { etag: `"${fw.files.size}"` }) : json(res, 404, { title: "Not Found" });
      }
      if (method === "POST") {
        if (!fw.files.has(target)) return json(res, 404, { title: "Not Found" });
        if (fw.printer.state === "PRINTING" || fw.printer.state === "PAUSED") return json(res, 409, { title: "Conflict" });
        startJob(target);
        return res.writeHead(204).end();
      }
      if (method === "PUT") {
        const body = await readBody(req);
        fw.stats.uploads.push({
          path: target,
          printAfterUpload: firstHeader(req, "print-after-upload"),
          overwrite: firstHeader(req, "overwrite"),
          bytes: body.length,
        });
        if (fw.files.has(target) && req.headers.overwrite !== "?1") return json(res, 409, { title: "Conflict" });
        fw.files.set(target, { data: body, displayName: target.split("/").pop() ?? "", mtime: 1700000000 });
        if (req.headers["print-after-upload"] === "?1") startJob(target);
        return res.writeHead(201).end();
      }
      if (method === "DELETE") {
        if (!fw.files.delete(target)) return json(res, 404, { title: "Not Found" });
        return res.writeHead(204).end();
      }
    }
    if (path.startsWith("/thumb/")) {
      const target = path.replace(/^\/thumb\/[sl]/, "");
      if (!fw.files.has(target)) return json(res, 404, { title: "Not Found" });
      res.writeHead(200, { "content-type": "image/png" });
      return res.end(Buffer.from("89504e470d0a1a0a", "hex"));
    }
    const file = fw.files.get(path);
    if (file && method === "GET") return sendFile(req, res, file.data);
    json(res, 404, { title: "Not Found" });
  };

  const sendFile = (req: IncomingMessage, res: ServerResponse, data: Buffer) => {
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    let start = 0;
    if (range && !options.ignoreRange) {
      start = Number(range[1]);
      if (start >= data.length) return res.writeHead(416, { "content-range": `bytes */${data.length}` }).end();
      res.writeHead(206, { "content-range": `bytes ${start}-${data.length - 1}/${data.length}`, "content-length": data.length - start });
    } else {
      res.writeHead(200, { "content-length": data.length });
    }
    const body = data.subarray(start);
    const cut = fw.cutDownloadAfter;
    if (cut !== null) {
      fw.cutDownloadAfter = null;
      res.write(body.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body);
  };

  const server = createServer((req, res) => {
    fw.stats.requests += 1;
    fw.stats.inFlight += 1;
    fw.stats.maxInFlight = Math.max(fw.stats.maxInFlight, fw.stats.inFlight);
    let counted = true;
    const done = () => {
      if (counted) fw.stats.inFlight -= 1;
      counted = false;
    };
    res.on("finish", done);
    res.on("close", done);
    const go = () =>
      route(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      });
    if (options.latencyMs) setTimeout(go, options.latencyMs);
    else void go();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  fw.port = typeof address === "object" && address ? address.port : 0;
  return fw;
}
