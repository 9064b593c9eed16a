import { db } from "@/lib/db";
import { readWorkerStatus } from "./lease";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  worker: { holder: string | null; heartbeatAgeMs: number | null; stale: boolean };
}

/** What /api/ready reports: this process reaches the database, and how the worker is. */
export async function checkReadiness(staleMs: number): Promise<Readiness> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { ready: false, database: "unreachable", worker: { holder: null, heartbeatAgeMs: null, stale: true } };
  }
  const worker = await readWorkerStatus();
  const stale = worker.heartbeatAgeMs === null || worker.heartbeatAgeMs > staleMs;
  return { ready: true, database: "ok", worker: { holder: worker.holder, heartbeatAgeMs: worker.heartbeatAgeMs, stale } };
}
