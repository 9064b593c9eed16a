import type { ConnectionStage } from "@/lib/printers/types";
import type { PrusaLinkConnection } from "./kind";
import { PrusaLinkApi } from "./api";
import { PrusaLinkHttpClient, type HttpOptions } from "./client";
import { failure, failureFromError, failureKeys } from "./failures";
import type { Info, Version } from "./schemas";

export type ConnectionTestResult =
  | { ok: true; firmware: string | null; model: string | null; api: "v1" | "legacy" }
  | { ok: false; stage: ConnectionStage; message: string };

function modelOf(version: Version, info: Info | null): string | null {
  if (version.printer) return version.printer;
  // Pi: "PrusaLink I3MK3S"
  const original = version.original?.replace(/^PrusaLink\s*/i, "").trim();
  if (original) return original;
  return info?.name?.trim() || null;
}

/**
 * Test before setup (Home Assistant's rule): reaches the printer, checks it speaks
 * PrusaLink, and proves the credentials with an authenticated status read (some
 * firmware serves /api/version without them). Never throws; `message` is a message key.
 */
export async function testPrusaLinkConnection(
  conn: PrusaLinkConnection,
  options: { http?: Partial<HttpOptions> } = {},
): Promise<ConnectionTestResult> {
  const client = new PrusaLinkHttpClient(conn, { requestTimeoutMs: 8_000, ...options.http });
  const api = new PrusaLinkApi(client);
  try {
    const version = await api.version();
    if (!/prusalink/i.test(version.text)) throw failure("permanent", "protocol", failureKeys.notPrusaLink, version.text);
    const snapshot = await api.snapshot();
    const info = await api.info();
    return { ok: true, firmware: version.firmware ?? null, model: modelOf(version, info), api: snapshot.generation };
  } catch (err) {
    const f = failureFromError(err);
    const notPrusaLink = f.message === failureKeys.invalidPayload || f.message === failureKeys.rejected;
    const message = notPrusaLink ? failureKeys.notPrusaLink : f.message;
    return { ok: false, stage: f.stage, message };
  } finally {
    await client.close();
  }
}
