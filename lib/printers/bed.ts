import { bedReasons, type BedReason, type BedView } from "./bed-schemas";

/** The stored bed columns of a Printer row. */
export interface BedColumns {
  bedState: string | null;
  bedStateSince: Date | null;
  bedStateReason: string | null;
  autoStartWithoutBedCheck: boolean;
}

export const bedColumns = { bedState: true, bedStateSince: true, bedStateReason: true, autoStartWithoutBedCheck: true } as const;

const reasonOf = (stored: string | null): BedReason => bedReasons.find((r) => r === stored) ?? "first_seen";

/**
 * The bed as the API shows it. A printer whose bed nobody has confirmed yet (a new
 * printer, or one from before bed states existed) needs clearing once: Printernizer
 * cannot know what lies on it.
 */
export function bedViewOf(row: BedColumns): BedView {
  const clear = row.bedState === "clear";
  return {
    state: clear ? "clear" : "needs_clearing",
    since: row.bedStateSince?.toISOString() ?? null,
    reason: clear ? null : reasonOf(row.bedStateReason),
    autoStart: row.autoStartWithoutBedCheck,
  };
}

/** Whether a start on this printer must wait for an operator to confirm the bed. */
export function bedBlocksStart(row: BedColumns): boolean {
  return !row.autoStartWithoutBedCheck && row.bedState !== "clear";
}
