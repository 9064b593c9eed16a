import { describe, expect, it } from "vitest";
import deAlerts from "@/messages/de/alerts.json";
import enAlerts from "@/messages/en/alerts.json";
import { alertText } from "./message";
import { alertTypes } from "./types";

describe("alert messages", () => {
  it("exist for every alert type in German and English", () => {
    for (const messages of [deAlerts, enAlerts]) {
      for (const type of alertTypes) {
        expect(Object.keys(messages)).toContain(type);
        expect(Object.keys(messages.titles)).toContain(type);
      }
    }
  });

  it("fill in the params, German numbers and the printer's own error text", () => {
    expect(alertText("de", "heating_timeout", "MK4", { heater: "bed", current: 41.5, target: 60, minutes: 15 }).message).toBe(
      "MK4: Das Druckbett hat 60 °C nach 15 Minuten nicht erreicht (jetzt 41,5 °C).",
    );
    expect(alertText("de", "connection_error", "A1", { stage: "auth", messageKey: "bambu.failure.auth" }).message).toContain(
      "LAN-Zugangscode",
    );
    expect(alertText("en", "offline_while_printing", "A1", { offlineMinutes: 2 })).toEqual({
      subject: "Printernizer: Printer offline during a print – A1",
      message: "A1 went offline while printing.",
    });
  });

  it("words a low-stock alert without a printer", () => {
    expect(alertText("de", "low_stock", null, { spoolId: "s1", label: "Bambu PLA Weiß", remainingGrams: 140, thresholdGrams: 150 })).toEqual({
      subject: "Printernizer: Spule fast leer",
      message: "Spule Bambu PLA Weiß: nur noch 140 g übrig (Warnschwelle 150 g). Bitte Nachschub besorgen.",
    });
  });
});
