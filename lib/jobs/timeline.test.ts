import { describe, expect, it } from "vitest";
import { buildTimeline, openTransition, type TimelineJob } from "./timeline";

const job: TimelineJob = {
  status: "cancelled",
  startedAt: "2026-11-25T13:00:00.000Z",
  endedAt: "2026-11-25T14:30:00.000Z",
  stopRequestedAt: "2026-11-25T14:29:58.000Z",
  errorCode: null,
};
const at = (iso: string) => new Date(iso);

describe("job timeline", () => {
  it("lists the recorded changes and the stop request oldest first", () => {
    const timeline = buildTimeline(job, [
      { status: "started", at: at("2026-11-25T13:00:00.000Z"), errorCode: null },
      { status: "cancelled", at: at("2026-11-25T14:30:00.000Z"), errorCode: null },
      { status: "paused", at: at("2026-11-25T13:40:00.000Z"), errorCode: null },
      { status: "resumed", at: at("2026-11-25T13:55:00.000Z"), errorCode: null },
    ]);
    expect(timeline.map((e) => e.kind)).toEqual(["started", "paused", "resumed", "stopRequested", "cancelled"]);
  });

  it("falls back to the job's own start and end when nothing was recorded", () => {
    const failed: TimelineJob = { ...job, status: "failed", stopRequestedAt: null, errorCode: "0x0300400C" };
    expect(buildTimeline(failed, [])).toEqual([
      { kind: "started", at: "2026-11-25T13:00:00.000Z", errorCode: null },
      { kind: "failed", at: "2026-11-25T14:30:00.000Z", errorCode: "0x0300400C" },
    ]);
  });

  it("adds the start of a job that was already running when recording began, and no end while it runs", () => {
    const running: TimelineJob = { ...job, status: "paused", endedAt: null, stopRequestedAt: null };
    const timeline = buildTimeline(running, [{ status: "paused", at: at("2026-11-25T13:40:00.000Z"), errorCode: null }]);
    expect(timeline.map((e) => e.kind)).toEqual(["started", "paused"]);
  });

  it("keeps a reopened print's interim end and puts the start first and the end last at one instant", () => {
    const instant = at("2026-11-25T13:00:00.000Z");
    const timeline = buildTimeline({ ...job, status: "finished", endedAt: "2026-11-25T13:00:00.000Z", stopRequestedAt: null }, [
      { status: "finished", at: instant, errorCode: null },
      { status: "started", at: instant, errorCode: null },
    ]);
    expect(timeline.map((e) => e.kind)).toEqual(["started", "finished"]);
    const reopened = buildTimeline({ ...job, status: "finished", stopRequestedAt: null }, [
      { status: "started", at: at("2026-11-25T13:00:00.000Z"), errorCode: null },
      { status: "failed", at: at("2026-11-25T13:10:00.000Z"), errorCode: "interrupted" },
      { status: "resumed", at: at("2026-11-25T13:11:00.000Z"), errorCode: null },
      { status: "finished", at: at("2026-11-25T14:30:00.000Z"), errorCode: null },
    ]);
    expect(reopened.map((e) => e.kind)).toEqual(["started", "failed", "resumed", "finished"]);
  });

  it("ignores rows with an unknown status", () => {
    expect(buildTimeline({ ...job, stopRequestedAt: null }, [{ status: "exploded", at: at("2026-11-25T13:30:00.000Z"), errorCode: null }]).map((e) => e.kind)).toEqual([
      "started",
      "cancelled",
    ]);
  });

  it("names pauses and resumes, and nothing when the status stays", () => {
    expect(openTransition("printing", "paused")).toBe("paused");
    expect(openTransition("paused", "printing")).toBe("resumed");
    expect(openTransition("printing", "printing")).toBeNull();
  });
});
