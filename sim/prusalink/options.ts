import { randomBytes } from "node:crypto";
import { z } from "zod";

export const prusaLinkModels = ["Core One", "MK4", "MK3S"] as const;
export type PrusaLinkModel = (typeof prusaLinkModels)[number];

export const prusaLinkFlavours = ["buddy", "pi"] as const;
export type PrusaLinkFlavour = (typeof prusaLinkFlavours)[number];

export const slowBoardSchema = z.object({
  /** Added to every request; the real value varies by +-50 % around this. */
  latencyMs: z.number().min(0).default(0),
  /** Probability of answering 503 instead of handling the request. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Probability of closing the connection without any answer. */
  dropRate: z.number().min(0).max(1).default(0),
  seed: z.number().int().default(1),
});
export type SlowBoardOptions = z.input<typeof slowBoardSchema>;
export type SlowBoardSettings = z.output<typeof slowBoardSchema>;

const optionsSchema = z.object({
  model: z.enum(prusaLinkModels).optional(),
  flavour: z.enum(prusaLinkFlavours).default("buddy"),
  host: z.string().default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(0),
  username: z.string().min(1).default("maker"),
  /** PrusaLink password (Digest, and X-Api-Key on Buddy). Random when omitted. */
  password: z.string().min(1).optional(),
  /** Pi flavour only: its API key is separate from the password. Random when omitted. */
  apiKey: z.string().min(1).optional(),
  /** Folder that holds the printer's storage; a fresh temp folder when omitted. */
  storageDir: z.string().optional(),
  /** Length of every simulated print, preheat included. */
  printSeconds: z.number().positive().default(600),
  nonceTtlMs: z.number().int().positive().default(300_000),
  /** Buddy: treat an Authorization header carrying `algorithm=` as wrong credentials. */
  rejectAlgorithmParam: z.boolean().default(true),
  slow: slowBoardSchema.nullable().default(null),
  /** A real .bgcode to copy into fresh storage next to the generated samples. */
  sampleBgcode: z.string().optional(),
  hostname: z.string().optional(),
  serial: z.string().optional(),
  /** First job id handed out; later prints count up from it. */
  firstJobId: z.number().int().min(1).optional(),
});
export type PrusaLinkSimOptions = z.input<typeof optionsSchema>;

export interface ResolvedOptions {
  model: PrusaLinkModel;
  flavour: PrusaLinkFlavour;
  host: string;
  port: number;
  username: string;
  password: string;
  apiKey: string;
  storageDir: string | undefined;
  printSeconds: number;
  nonceTtlMs: number;
  rejectAlgorithmParam: boolean;
  slow: SlowBoardSettings | null;
  sampleBgcode: string | undefined;
  hostname: string;
  serial: string;
  firstJobId: number;
}

/** Buddy passwords are 15 characters drawn from letters and digits (firmware's "random" button). */
function randomSecret(length: number): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

function randomDigits(length: number): string {
  return Array.from(randomBytes(length), (b) => String(b % 10)).join("");
}

const defaultHostnames: Record<PrusaLinkModel, string> = {
  "Core One": "prusa-core-one",
  MK4: "prusa-mk4",
  MK3S: "prusa-mk3s",
};

export function resolveOptions(input: PrusaLinkSimOptions): ResolvedOptions {
  const o = optionsSchema.parse(input);
  const model = o.model ?? (o.flavour === "pi" ? "MK3S" : "Core One");
  return {
    model,
    flavour: o.flavour,
    host: o.host,
    port: o.port,
    username: o.username,
    password: o.password ?? randomSecret(15),
    apiKey: o.apiKey ?? randomSecret(15),
    storageDir: o.storageDir,
    printSeconds: o.printSeconds,
    nonceTtlMs: o.nonceTtlMs,
    rejectAlgorithmParam: o.rejectAlgorithmParam,
    slow: o.slow,
    sampleBgcode: o.sampleBgcode,
    hostname: o.hostname ?? defaultHostnames[model],
    serial: o.serial ?? (o.flavour === "pi" ? `CZPX${randomDigits(4)}X004XK${randomDigits(5)}` : `10859-${randomDigits(16)}`),
    firstJobId: o.firstJobId ?? 100 + (randomBytes(1)[0] ?? 0),
  };
}

export function resolveSlow(input: SlowBoardOptions | null): SlowBoardSettings | null {
  return input === null ? null : slowBoardSchema.parse(input);
}
