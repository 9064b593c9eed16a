import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import messages from "@/messages/en/backup.json";
import type { BackupState } from "@/lib/backup/state";
import { BackupStatusCard } from "./backup-status-card";

vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: keyof typeof messages) => messages[key],
  getLocale: async () => "en",
}));

const now = new Date("2026-11-25T12:00:00Z");
const success = { at: "2026-11-25T01:30:00.000Z", file: "printernizer-20261125T013000Z.db", sizeBytes: 5_242_880, filesArchive: null, filesArchiveBytes: null, durationMs: 2400 };

async function render(state: BackupState): Promise<string> {
  return renderToStaticMarkup(await BackupStatusCard({ state, now }));
}

describe("BackupStatusCard", () => {
  it("shows the last success in Berlin time with size and duration", async () => {
    const html = await render({ lastSuccess: success, lastAttemptAt: success.at, lastError: null });
    expect(html).toContain(messages.ok);
    expect(html).toContain("02:30");
    expect(html).toContain("5 MB");
    expect(html).toContain("2.4 s");
    expect(html).toContain(success.file);
    expect(html).not.toContain(messages.lastError);
  });

  it("warns when the latest attempt failed or nothing succeeded for 26 hours", async () => {
    const failed = await render({ lastSuccess: success, lastAttemptAt: "2026-11-25T11:00:00.000Z", lastError: "disk full" });
    expect(failed).toContain(messages.failed);
    expect(failed).toContain("disk full");
    const stale = await render({ lastSuccess: { ...success, at: "2026-11-24T08:00:00.000Z" }, lastAttemptAt: null, lastError: null });
    expect(stale).toContain(messages.stale);
    const never = await render({ lastSuccess: null, lastAttemptAt: null, lastError: null });
    expect(never).toContain(messages.never);
    expect(never).toContain(messages.stale);
  });
});
