import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";

const run = promisify(execFile);

export interface CurlResult {
  status: number;
  /** Headers of the final response, names lower-cased. */
  headers: Map<string, string>;
  body: Buffer;
}

/**
 * Runs the real curl binary (the off-the-shelf client) once and returns the final
 * response; with --digest the dumped headers also hold the first 401, which is skipped.
 */
export async function curl(args: string[]): Promise<CurlResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "curl-"));
  try {
    const headerFile = path.join(dir, "headers");
    const bodyFile = path.join(dir, "body");
    await run("curl", ["-s", "-S", "--max-time", "20", "-D", headerFile, "-o", bodyFile, ...args]);
    const dump = await readFile(headerFile, "utf8").catch(() => "");
    const blocks = dump.split(/\r?\n\r?\n/).filter((b) => b.startsWith("HTTP/"));
    const [statusLine = "", ...lines] = (blocks[blocks.length - 1] ?? "").split(/\r?\n/);
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const body = await readFile(bodyFile).catch(() => Buffer.alloc(0));
    return { status: Number(statusLine.split(" ")[1] ?? 0), headers, body };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The parts of PrusaLink answers the tests read, validated rather than cast. */
export const statusSchema = z.object({
  printer: z.object({ state: z.string() }),
  job: z.object({ id: z.number() }).optional(),
  storage: z.unknown(),
});
export const jobSchema = z.object({
  id: z.number(),
  state: z.string(),
  file: z.object({
    name: z.string(),
    display_name: z.string(),
    path: z.string(),
    refs: z.object({ download: z.string().nullable() }),
  }),
});
export const folderSchema = z.object({
  name: z.string(),
  type: z.string(),
  read_only: z.boolean().optional(),
  children: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      display_name: z.string(),
      refs: z.object({ download: z.string().nullable(), thumbnail: z.string().nullable().optional() }).optional(),
    }),
  ),
});
export const fileInfoSchema = z.object({ name: z.string(), size: z.number(), display_name: z.string() });
export const legacyPrinterSchema = z.object({
  state: z.object({ text: z.string(), flags: z.object({ link_state: z.string().optional() }) }),
});

export async function readJson<T>(response: { json(): Promise<unknown> }, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(await response.json());
}
