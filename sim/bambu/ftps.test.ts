import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import tls from "node:tls";
import { promisify } from "node:util";
import { Client, FTPError } from "basic-ftp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTool } from "@/testing/tools";
import { type BambuSimulator, startBambuSimulator } from "./simulator";

const run = promisify(execFile);
const code = "87654321";
let a1: BambuSimulator;
let a1Tls12: BambuSimulator;
let mini: BambuSimulator;
let work: string;

const common = { accessCode: code, mqttPort: 0, ftpPort: 0, cameraPort: 0 } as const;

beforeAll(async () => {
  [a1, a1Tls12, mini] = await Promise.all([
    startBambuSimulator({ ...common, serial: "03919A0000FTP01", model: "A1" }),
    startBambuSimulator({ ...common, serial: "03919A0000FTP12", model: "A1", ftpTlsMaxVersion: "TLSv1.2" }),
    startBambuSimulator({ ...common, serial: "0300AA0000FTP01", model: "A1 mini" }),
  ]);
  work = await mkdtemp(path.join(tmpdir(), "bambu-ftps-test-"));
});

afterAll(async () => {
  await Promise.all([a1?.close(), a1Tls12?.close(), mini?.close()]);
  await rm(work, { recursive: true, force: true });
});

async function ftpClient(sim: BambuSimulator): Promise<Client> {
  const client = new Client(10_000);
  await client.access({
    host: sim.host,
    port: sim.ftpPort,
    user: "bblp",
    password: sim.accessCode,
    secure: "implicit",
    secureOptions: { ca: sim.caCertPem, servername: sim.serial },
  });
  return client;
}

function collector(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
    bytes: () => Buffer.concat(chunks),
  };
}

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");

describe("basic-ftp (resumes the TLS session on data connections)", () => {
  for (const [label, simOf] of [
    ["TLS 1.3", () => a1],
    ["TLS 1.2", () => a1Tls12],
  ] as const) {
    it(`lists and downloads over ${label}`, async () => {
      const sim = simOf();
      const client = await ftpClient(sim);
      try {
        const root = await client.list("/");
        expect(root.filter((f) => f.isDirectory).map((f) => f.name)).toEqual(expect.arrayContaining(["cache", "image", "model", "timelapse"]));
        expect(root.map((f) => f.name)).toContain("Spulenhalter für Regal.gcode.3mf");
        const cache = await client.list("/cache");
        const cube = cache.find((f) => f.name === "Kalibrierwürfel 20mm.gcode.3mf");
        expect(cube?.size).toBe((await stat(path.join(sim.storageDir, "cache", "Kalibrierwürfel 20mm.gcode.3mf"))).size);
        const sink = collector();
        await client.downloadTo(sink.stream, "/cache/Kalibrierwürfel 20mm.gcode.3mf");
        expect(sink.bytes().equals(await readFile(path.join(sim.storageDir, "cache", "Kalibrierwürfel 20mm.gcode.3mf")))).toBe(true);
      } finally {
        client.close();
      }
    });
  }

  it("streams a larger file intact", async () => {
    const storagePath = await a1.ensureLargeFile(8 * 1024 * 1024);
    const client = await ftpClient(a1);
    try {
      const sink = collector();
      await client.downloadTo(sink.stream, storagePath);
      expect(sink.bytes().length).toBe(8 * 1024 * 1024);
      expect(sha256(sink.bytes())).toBe(sha256(await readFile(path.join(a1.storageDir, storagePath))));
    } finally {
      client.close();
    }
  });

  it("uploads, sizes, dates, renames, creates folders and deletes", async () => {
    const client = await ftpClient(a1);
    try {
      const body = Buffer.from("G28\nM104 S200\n".repeat(1000));
      await client.uploadFrom(Readable.from([body]), "/Neue Datei ü.gcode");
      expect(await client.size("/Neue Datei ü.gcode")).toBe(body.length);
      expect(Math.abs((await client.lastMod("/Neue Datei ü.gcode")).getTime() - Date.now())).toBeLessThan(5 * 60_000);
      await client.ensureDir("/model/Projekte 2026");
      expect(await client.pwd()).toBe("/model/Projekte 2026");
      await client.rename("/Neue Datei ü.gcode", "/model/Projekte 2026/fertig.gcode");
      expect((await client.list()).map((f) => f.name)).toEqual(["fertig.gcode"]);
      expect(await readFile(path.join(a1.storageDir, "model", "Projekte 2026", "fertig.gcode"))).toEqual(body);
      await client.remove("/model/Projekte 2026/fertig.gcode");
      await client.cd("/");
      await client.removeEmptyDir("/model/Projekte 2026");
      expect((await client.list("/model")).length).toBe(0);
    } finally {
      client.close();
    }
  });

  it("resumes a download with REST on the A1", async () => {
    const client = await ftpClient(a1);
    try {
      const full = await readFile(path.join(a1.storageDir, "cache", "3DBenchy.gcode.3mf"));
      const sink = collector();
      await client.downloadTo(sink.stream, "/cache/3DBenchy.gcode.3mf", 1000);
      expect(sink.bytes().equals(full.subarray(1000))).toBe(true);
    } finally {
      client.close();
    }
  });

  it("the A1 mini answers 502 to REST and FEAT, like the real one", async () => {
    const client = await ftpClient(mini);
    try {
      await expect(client.send("FEAT")).rejects.toMatchObject({ code: 502 });
      await expect(client.send("REST 100")).rejects.toMatchObject({ code: 502 });
      const sink = collector();
      await expect(client.downloadTo(sink.stream, "/cache/3DBenchy.gcode.3mf", 100)).rejects.toBeInstanceOf(FTPError);
    } finally {
      client.close();
    }
    const again = await ftpClient(mini);
    try {
      const sink = collector();
      await again.downloadTo(sink.stream, "/cache/3DBenchy.gcode.3mf");
      expect(sink.bytes().length).toBeGreaterThan(1000);
    } finally {
      again.close();
    }
  });

  it("never serves outside the storage folder", async () => {
    const secret = path.join(work, "secret.txt");
    await writeFile(secret, "top secret");
    await symlink(secret, path.join(a1.storageDir, "cache", "escape.txt"));
    const client = await ftpClient(a1);
    try {
      const sink = collector();
      await expect(client.downloadTo(sink.stream, "/cache/escape.txt")).rejects.toMatchObject({ code: 550 });
      await expect(client.downloadTo(sink.stream, "../../../../../../etc/hostname")).rejects.toMatchObject({ code: 550 });
      await expect(client.cd("/../..")).resolves.toBeDefined();
      expect(await client.pwd()).toBe("/");
      expect(sink.bytes().length).toBe(0);
    } finally {
      client.close();
    }
  });

  it("refuses a wrong access code", async () => {
    const client = new Client(5000);
    try {
      await expect(
        client.access({ host: a1.host, port: a1.ftpPort, user: "bblp", password: "wrong", secure: "implicit", secureOptions: { ca: a1.caCertPem, servername: a1.serial } }),
      ).rejects.toMatchObject({ code: 530 });
    } finally {
      client.close();
    }
  });
});

/** A bare control connection for replies basic-ftp hides. */
async function rawSession(sim: BambuSimulator): Promise<{ send: (line: string) => Promise<string>; next: () => Promise<string>; socket: tls.TLSSocket }> {
  const socket = tls.connect({ host: sim.host, port: sim.ftpPort, ca: sim.caCertPem, servername: sim.serial });
  let buffer = "";
  const waiting: ((line: string) => void)[] = [];
  socket.setEncoding("utf8");
  socket.on("data", (text: string) => {
    buffer += text;
    let match = /^(\d{3}) [^\r\n]*\r\n/m.exec(buffer);
    while (match) {
      const end = match.index + match[0].length;
      const reply = buffer.slice(0, end);
      buffer = buffer.slice(end);
      waiting.shift()?.(reply);
      match = /^(\d{3}) [^\r\n]*\r\n/m.exec(buffer);
    }
  });
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  await next();
  return {
    socket,
    next,
    send: (line) => {
      const reply = next();
      socket.write(`${line}\r\n`);
      return reply;
    },
  };
}

describe("raw replies", () => {
  it("FEAT on the A1 lists REST STREAM; PROT C transfers are refused", async () => {
    const { send, socket } = await rawSession(a1);
    try {
      expect(await send("LIST")).toBe("530 Please login with USER and PASS.\r\n");
      expect(await send("USER bblp")).toBe("331 Please specify the password.\r\n");
      expect(await send(`PASS ${code}`)).toBe("230 Login successful.\r\n");
      expect(await send("FEAT")).toContain(" REST STREAM\r\n");
      expect(await send("SIZE /cache")).toBe("550 Could not get file size.\r\n");
      expect(await send("RETR /cache/3DBenchy.gcode.3mf")).toBe("425 Use PORT or PASV first.\r\n");
      expect(await send("PROT C")).toBe("200 PROT now Clear.\r\n");
      expect(await send("PASV")).toMatch(/^227 Entering Passive Mode \(127,0,0,1,\d+,\d+\)\.\r\n$/);
      expect(await send("LIST")).toBe("522 Data connections must be encrypted.\r\n");
      expect(await send("QUIT")).toBe("221 Goodbye.\r\n");
    } finally {
      socket.destroy();
    }
  });
});

describe("session reuse on data connections", () => {
  for (const [label, simOf] of [
    ["TLS 1.3", () => a1],
    ["TLS 1.2", () => a1Tls12],
  ] as const) {
    it(`answers 522 and ends the session when the data connection is a fresh TLS session (${label})`, async () => {
      const sim = simOf();
      const { send, socket, next } = await rawSession(sim);
      try {
        await send("USER bblp");
        await send(`PASS ${code}`);
        await send("PBSZ 0");
        await send("PROT P");
        const port = Number(/\|\|\|(\d+)\|/.exec(await send("EPSV"))?.[1]);
        const preliminary = send("RETR /cache/3DBenchy.gcode.3mf");
        const data = tls.connect({ host: sim.host, port, ca: sim.caCertPem, servername: sim.serial });
        const received: Buffer[] = [];
        data.on("data", (chunk: Buffer) => received.push(chunk));
        data.on("error", () => undefined);
        expect(await preliminary).toMatch(/^150 /);
        expect(await next()).toBe("522 SSL connection failed: session reuse required\r\n");
        await new Promise((resolve) => socket.once("close", resolve));
        expect(Buffer.concat(received).length).toBe(0);
      } finally {
        socket.destroy();
      }
    });
  }
});

describe("curl", () => {
  requireTool("curl", "curl");
  const url = (sim: BambuSimulator, p: string) => `ftps://${sim.host}:${sim.ftpPort}${p}`;
  const auth = (sim: BambuSimulator) => ["--user", `bblp:${sim.accessCode}`];

  it("lists and downloads with --ssl-reqd (curl reuses the session)", async () => {
    const listing = await run("curl", ["-sS", "--ssl-reqd", "-k", ...auth(a1), url(a1, "/cache/")]);
    // ASCII-mode transfers: curl turns the server's CRLF into LF.
    const lines = listing.stdout.trim().split(/\r?\n/);
    expect(lines.some((l) => /^-rw-r--r-- {4}1 0 {8}0 +\d+ \w{3} \d{2} \d{2}:\d{2} Kalibrierwürfel 20mm\.gcode\.3mf$/.test(l))).toBe(true);
    const target = path.join(work, "curl-download.3mf");
    await run("curl", ["-sS", "--ssl-reqd", "-k", ...auth(a1), "-o", target, url(a1, "/cache/Gridfinity%20Box%202x2.gcode.3mf")]);
    expect((await readFile(target)).equals(await readFile(path.join(a1.storageDir, "cache", "Gridfinity Box 2x2.gcode.3mf")))).toBe(true);
  });

  it("verifies the certificate chain with --cacert when the serial is the host name", async () => {
    const caFile = path.join(work, "ca.pem");
    await writeFile(caFile, a1Tls12.caCertPem);
    const { stdout } = await run("curl", [
      "-sS",
      "--ssl-reqd",
      "--cacert",
      caFile,
      "--resolve",
      `${a1Tls12.serial}:${a1Tls12.ftpPort}:${a1Tls12.host}`,
      ...auth(a1Tls12),
      "--list-only",
      `ftps://${a1Tls12.serial}:${a1Tls12.ftpPort}/`,
    ]);
    expect(stdout.split(/\r?\n/)).toEqual(expect.arrayContaining(["cache", "Spulenhalter für Regal.gcode.3mf"]));
  });

  for (const [label, simOf] of [
    ["TLS 1.3", () => a1],
    ["TLS 1.2", () => a1Tls12],
  ] as const) {
    it(`gives curl --no-sessionid no data (${label})`, async () => {
      const sim = simOf();
      const target = path.join(work, `no-session-${label}.3mf`);
      const result = await run("curl", ["-v", "--no-sessionid", "--ssl-reqd", "-k", ...auth(sim), url(sim, "/cache/3DBenchy.gcode.3mf"), "-o", target]).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      // Exactly what curl reports against vsFTPd with require_ssl_reuse: the data
      // connection closes before any byte (the 522 on the control line is checked below).
      expect(result?.code).toBe(18);
      expect(result?.stderr).toContain("< 150 Opening BINARY mode data connection");
      expect(await stat(target).then((s) => s.size, () => 0)).toBe(0);
    });
  }
});
