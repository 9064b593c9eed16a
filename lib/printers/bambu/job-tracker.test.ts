import { describe, expect, it } from "vitest";
import { JobTracker } from "./job-tracker";
import type { PrintReport } from "./schemas";

const job: PrintReport = { subtask_name: "bracket", gcode_file: "bracket.gcode.3mf", task_id: "0" };

describe("job tracker", () => {
  it("records the start it saw and the end", () => {
    const tracker = new JobTracker();
    tracker.observe({ gcode_state: "IDLE" }, 1000);
    expect(tracker.observe({ ...job, gcode_state: "PREPARE" }, 2000)).toMatchObject({ startedAt: 2000, firstSeenAt: 2000 });
    expect(tracker.observe({ ...job, gcode_state: "RUNNING" }, 3000)).toMatchObject({ startedAt: 2000, endedAt: null });
    expect(tracker.observe({ ...job, gcode_state: "FINISH" }, 9000)).toMatchObject({ startedAt: 2000, endedAt: 9000, outcome: null });
  });

  it("joining mid-print does not invent a start time", () => {
    const tracker = new JobTracker();
    expect(tracker.observe({ ...job, gcode_state: "RUNNING" }, 5000)).toMatchObject({ startedAt: null, firstSeenAt: 5000 });
  });

  it("a cancel code seen once keeps the job cancelled after print_error resets to 0", () => {
    const tracker = new JobTracker();
    tracker.observe({ ...job, gcode_state: "RUNNING" }, 1000);
    expect(tracker.observe({ ...job, gcode_state: "FAILED", print_error: 50348044 }, 2000).outcome).toBe("cancelled");
    expect(tracker.observe({ ...job, gcode_state: "FAILED", print_error: 0 }, 3000).outcome).toBe("cancelled");
  });

  it("our acknowledged stop makes the FAILED that follows a cancel", () => {
    const tracker = new JobTracker();
    tracker.observe({ ...job, gcode_state: "RUNNING" }, 1000);
    tracker.noteStopRequested();
    expect(tracker.observe({ ...job, gcode_state: "FAILED", print_error: 0 }, 2000).outcome).toBe("cancelled");
  });

  it("a stop acknowledged after FAILED arrived still turns it into a cancel", () => {
    const tracker = new JobTracker();
    tracker.observe({ ...job, gcode_state: "RUNNING" }, 1000);
    expect(tracker.observe({ ...job, gcode_state: "FAILED", print_error: 0x03004002 }, 2000).outcome).toBe("failed");
    tracker.noteStopRequested();
    expect(tracker.current().outcome).toBe("cancelled");
  });

  it("a stop acknowledged after a settled FAILED (print_error 0) makes it a cancel", () => {
    const tracker = new JobTracker();
    tracker.observe({ ...job, gcode_state: "RUNNING" }, 1000);
    expect(tracker.observe({ ...job, gcode_state: "FAILED", print_error: 0 }, 2000).outcome).toBeNull();
    tracker.noteStopRequested();
    expect(tracker.current().outcome).toBe("cancelled");
  });

  it("a real error code is a failure; the next job starts clean", () => {
    const tracker = new JobTracker();
    tracker.observe({ ...job, gcode_state: "RUNNING" }, 1000);
    tracker.noteStopRequested();
    tracker.observe({ ...job, gcode_state: "FAILED" }, 2000);
    tracker.observe({ gcode_state: "IDLE" }, 3000);
    tracker.observe({ ...job, gcode_state: "RUNNING" }, 4000);
    expect(tracker.observe({ ...job, gcode_state: "FAILED", print_error: 0x0300400d }, 5000)).toMatchObject({ outcome: "failed", startedAt: 4000 });
  });

  it("a different job while running (missed the end) is a new job", () => {
    const tracker = new JobTracker();
    tracker.observe({ ...job, gcode_state: "RUNNING" }, 1000);
    const next = tracker.observe({ subtask_name: "lid", gcode_file: "lid.3mf", task_id: "0", gcode_state: "RUNNING" }, 7000);
    expect(next).toMatchObject({ startedAt: 7000, firstSeenAt: 7000 });
  });

  it("names appearing during PREPARE do not restart the job", () => {
    const tracker = new JobTracker();
    tracker.observe({ gcode_state: "IDLE" }, 0);
    tracker.observe({ gcode_state: "PREPARE" }, 1000);
    expect(tracker.observe({ ...job, gcode_state: "PREPARE" }, 2000)).toMatchObject({ startedAt: 1000, firstSeenAt: 1000 });
  });
});
