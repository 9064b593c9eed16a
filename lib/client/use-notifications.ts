"use client";

import { z } from "zod";
import { channelsViewSchema, testOutcomeSchema, type ChannelInput, type ChannelName } from "@/lib/alerts/notification-schemas";
import type { AlertSettingsPatch } from "@/lib/alerts/settings";
import { apiFetch } from "./api-fetch";

const CHANNELS = "/api/alerts/channels";

/** Saves one channel; answers every channel as stored now. */
export function saveChannel(input: ChannelInput) {
  return apiFetch(CHANNELS, channelsViewSchema, { method: "PUT", body: input });
}

export function resetChannel(channel: ChannelName) {
  return apiFetch(`${CHANNELS}/${channel}`, channelsViewSchema, { method: "DELETE" });
}

/** Sends a test with the form's values; the answer says whether it was delivered and what the server said. */
export function testChannel(input: ChannelInput) {
  return apiFetch(`${CHANNELS}/test`, testOutcomeSchema, { method: "POST", body: input });
}

/** The part of the alert settings answer the limits form reads (the full schema sits with the server's settings code). */
const limitsAnswerSchema = z.looseObject({ kinds: z.record(z.string(), z.record(z.string(), z.number())) });

export function saveAlertLimits(patch: AlertSettingsPatch) {
  return apiFetch("/api/alerts/settings", limitsAnswerSchema, { method: "PATCH", body: patch });
}
