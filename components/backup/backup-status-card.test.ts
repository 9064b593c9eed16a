import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import messages from "@/messages/en/backup.json";
import type { BackupOverview, BackupState } from "@/lib/backup/schemas";
import { BackupStatusCard } from "./backup-status-card";

type FlatKey = { [K in keyof typeof messages]: (typeof messages)[K] extends string ? K : never }[keyof typeof messages];

vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: FlatKey, values: Record<string, string> = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ""),
  getLocale: async () => "en",
}));
vi.mock("@/i18n/navigation", () => ({
  Link: ({ href, children }: { href: string; children: ReactNode }) => createElement("a", { href }, children),
}));

const success = { at: "2026-11-25T01:30:00.000Z", file: "printernizer-20261125T013000Z.db", sizeBytes: 5_242_880, filesArchive: null, filesArchiveBytes: null, durationMs: 2400 };

async function render(state: BackupState, overdueSince: string | null = null): Promise<string> {
  const overview: BackupOverview = { database: "sqlite", time: "02:30", nextAt: null, overdueSince, state, backups: [] };
  return renderToStaticMarkup(await BackupStatusCard({ overview }));
}

describe("BackupStatusCard", () => {
  it("shows the last success in Berlin time with size and duration", async () => {
    const html = await render({ lastSuccess: success, lastAttemptAt: success.at, lastError: null });
    expect(html).toContain(messages.ok);
    expect(html).toContain("02:30");
    expect(html).toContain("5.2 MB");
    expect(html).toContain("2.4 s");
    expect(html).not.toContain(messages.lastError);
  });

  it("warns when the latest attempt failed", async () => {
    const failed = await render({ lastSuccess: success, lastAttemptAt: "2026-11-25T11:00:00.000Z", lastError: "disk full" });
    expect(failed).toContain(messages.failed);
    expect(failed).toContain("disk full");
  });

  it("warns about a missed scheduled backup only when one is overdue", async () => {
    const overdue = await render({ lastSuccess: success, lastAttemptAt: null, lastError: null }, "2026-11-26T01:30:00.000Z");
    expect(overdue).toContain("The scheduled backup on 26 Nov 2026, 02:30 did not succeed.");
    const fresh = await render({ lastSuccess: null, lastAttemptAt: null, lastError: null });
    expect(fresh).toContain(messages.pending);
    expect(fresh).toContain(messages.never);
    expect(fresh).not.toContain("did not succeed");
  });
});
