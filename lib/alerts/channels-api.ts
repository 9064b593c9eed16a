import { apiError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { deliver, type AlertNotice } from "./channels";
import { testNoticeText } from "./message";
import { applyInput, resetChannel, resolveChannels, saveChannel, toChannelView } from "./notification-channels";
import { channelNames, type ChannelInput, type ChannelName, type ChannelsView, type TestOutcome } from "./notification-schemas";
import { alertTransports, loadAlertSettings } from "./settings";
import { alertSeverities, alertTypes, nonUrgentAlertTypes, severityOf } from "./types";

/**
 * The notifications page's operations: the channels as the admin sees them (never a
 * secret), saving one, going back to the environment's, and a test send. The test is
 * sent by the web process itself with the same delivery code the worker uses: the
 * admin gets the server's answer at once, also while no worker runs.
 */

interface Ctx {
  actor: AuditActor;
  userId: string;
  ip?: string | null;
}

export async function channelsView(): Promise<ChannelsView> {
  const resolved = await resolveChannels(await loadAlertSettings());
  return {
    channels: channelNames.map((name) => toChannelView(name, resolved[name])),
    catalogue: alertTypes.map((type) => ({ type, severity: severityOf[type], nonUrgent: nonUrgentAlertTypes.includes(type) })),
    severities: [...alertSeverities],
  };
}

export async function updateChannel(input: ChannelInput, ctx: Ctx): Promise<ChannelsView> {
  const { channel } = input;
  const current = (await resolveChannels(await loadAlertSettings()))[channel];
  await saveChannel(applyInput(input, current));
  const secretChanged = ("headerValue" in input && input.headerValue !== undefined) || ("password" in input && input.password !== undefined);
  await audit({ actor: ctx.actor, ip: ctx.ip, action: "alerts.channel_updated", details: { channel, enabled: input.enabled, secretChanged } });
  return channelsView();
}

export async function resetChannelToEnvironment(channel: ChannelName, ctx: Ctx): Promise<ChannelsView> {
  await resetChannel(channel);
  await audit({ actor: ctx.actor, ip: ctx.ip, action: "alerts.channel_reset", details: { channel } });
  return channelsView();
}

/** Test sends per admin and minute: enough to fix a typo, too few to use Printernizer as a relay. */
export const TEST_SENDS_PER_MINUTE = 5;
const WINDOW_MS = 60_000;

async function spendTestSend(userId: string, now = Date.now()): Promise<number | null> {
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const key = `notify-test:${userId}:${windowStart}`;
  const resetAt = new Date(windowStart + WINDOW_MS);
  const row = await db.rateLimit.upsert({ where: { key }, create: { key, count: 1, resetAt }, update: { count: { increment: 1 } }, select: { count: true } });
  return row.count > TEST_SENDS_PER_MINUTE ? Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000)) : null;
}

/** Sends a test notice with the form's values (stored secrets used while the destination is unchanged). */
export async function testChannel(input: ChannelInput, ctx: Ctx): Promise<TestOutcome> {
  const { channel } = input;
  const retryAfterSeconds = await spendTestSend(ctx.userId);
  if (retryAfterSeconds !== null) throw apiError("rate_limited", { retryAfterSeconds });
  const current = (await resolveChannels(await loadAlertSettings()))[channel];
  const resolved = applyInput(input, current);
  const { subject, message } = testNoticeText(alertTransports().locale);
  const now = new Date();
  const notice: AlertNotice = { alertId: `test-${now.getTime()}`, type: "test", severity: "info", printer: null, params: {}, message, subject, raisedAt: now.toISOString() };
  const outcome = await deliver(resolved, notice, "alert.test");
  await audit({
    actor: ctx.actor,
    ip: ctx.ip,
    action: "alerts.channel_tested",
    details: { channel, delivered: outcome.delivered, httpStatus: outcome.httpStatus, smtpCode: outcome.smtpCode },
  });
  return outcome;
}
