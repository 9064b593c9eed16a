import type { EventType } from "@/lib/catalog/events";

/**
 * What each live event means, in both languages of the manuals. Keyed by every event type
 * of lib/catalog/events.ts, so a new event type does not compile until it is described here
 * (the developers' guide: whoever adds an event type writes its reference entry).
 */
export const eventDescriptions: Record<EventType, { de: string; en: string }> = {
  "worker.heartbeat": {
    de: "Der aktive Hintergrunddienst (Worker) lebt: `holder` ist seine Instanz, `at` die Zeit des Schlags, `startedAt` sein Start.",
    en: "The active worker is alive: `holder` is its instance, `at` the time of the beat, `startedAt` when it started.",
  },
  "worker.lease": {
    de: "Ein Worker hat die Führung (Lease) übernommen (`acquired: true`) oder abgegeben. Bei einer Übernahme durch den Standby-Worker erscheint ein neuer `holder`.",
    en: "A worker took (`acquired: true`) or gave up the lease. When the standby worker takes over, a new `holder` appears.",
  },
  "command.finished": {
    de: "Ein Befehl an den Worker ist beendet (Pause, Fortsetzen, Abbrechen, Download, Upload, Verbindungstest …). `error` ist bei `failed` ein Meldungsschlüssel unter `printerErrors` (siehe Fehlerbehebung).",
    en: "A command to the worker ended (pause, resume, stop, download, upload, connection test …). With `failed`, `error` is a message key under `printerErrors` (see Troubleshooting).",
  },
  "printer.changed": {
    de: "Ein Drucker wurde angelegt, geändert, (de)aktiviert oder gelöscht. `printerId` des Ereignisses nennt ihn.",
    en: "A printer was added, edited, enabled/disabled or removed. The event's `printerId` names it.",
  },
  "printer.state": {
    de: "Der normalisierte Live-Zustand eines Druckers nach einer wesentlichen Änderung (Temperaturen höchstens einmal pro Sekunde, Zustandswechsel sofort).",
    en: "A printer's normalized live state after a meaningful change (telemetry at most once a second, state changes at once).",
  },
  "printer.connection": {
    de: "Die Verbindung des Workers zum Drucker ist weg oder wieder da. `failure.messageKey` ist ein Schlüssel unter `printerErrors` (siehe Fehlerbehebung), `kind` eine der drei Fehlerarten (temporär, Anmeldung, dauerhaft).",
    en: "The worker's connection to a printer went down or came back. `failure.messageKey` is a key under `printerErrors` (see Troubleshooting), `kind` one of the three failure kinds (temporary, authentication, permanent).",
  },
  "printer.bed": {
    de: "Der Zustand des Druckbetts hat sich geändert: `bed.state` ist `clear` (frei, Drucke dürfen starten) oder `needs_clearing` (ein Teil liegt noch darauf, seit `since`, Grund `reason`: Druck beendet oder Drucker neu erkannt); `autoStart` sagt, ob der Drucker ohne Bestätigung starten darf.",
    en: "The state of a printer's bed changed: `bed.state` is `clear` (prints may start) or `needs_clearing` (a part is still on it, since `since`, reason `reason`: a print ended or the printer was first seen); `autoStart` says whether the printer may start without a confirmation.",
  },
  "queue.changed": {
    de: "Einträge der Druckwarteschlange wurden angelegt, geändert, umsortiert, gestartet oder beendet: `ids` nennt sie; bei einem einzelnen Statuswechsel stehen der neue `status` und bei einem Fehler `failureCode` (Schlüssel unter `queue.failures`, siehe Fehlerbehebung) dabei. Die Warteschlange danach neu laden (`GET /api/queue`).",
    en: "Print queue items were added, changed, reordered, started or ended: `ids` names them; for a single status change the new `status` and, on a failure, `failureCode` (a key under `queue.failures`, see Troubleshooting) come with it. Reload the queue afterwards (`GET /api/queue`).",
  },
  "job.started": {
    de: "Ein Druckauftrag hat begonnen (erkannt am Drucker, egal ob in Printernizer oder am Gerät gestartet).",
    en: "A print job started (seen on the printer, whether started from Printernizer or at the printer).",
  },
  "job.finished": {
    de: "Ein Druckauftrag ist beendet: fertig, fehlgeschlagen oder abgebrochen; `errorCode` ist der Fehlercode des Druckers, falls vorhanden.",
    en: "A print job ended: finished, failed or cancelled; `errorCode` is the printer's error code, if any.",
  },
  "job.state": {
    de: "Ein laufender Auftrag wurde pausiert oder fortgesetzt.",
    en: "A running job was paused or resumed.",
  },
  "alert.raised": {
    de: "Ein Alarm wurde ausgelöst. `params` füllen die Meldung `alerts.<type>` (Druckername, Temperaturen, Meldungsschlüssel).",
    en: "An alert was raised. `params` fill the message `alerts.<type>` (printer name, temperatures, message keys).",
  },
  "alert.resolved": {
    de: "Die Ursache eines Alarms ist behoben (z. B. Drucker wieder online).",
    en: "The cause of an alert is gone (for example, the printer is back online).",
  },
  "alert.acknowledged": {
    de: "Jemand hat einen Alarm bestätigt; `userId` nennt die Person.",
    en: "Someone acknowledged an alert; `userId` names them.",
  },
  "spool.low_stock": {
    de: "Eine Spule hat die Meldeschwelle erreicht (einmal, bis sie nachgefüllt wird). Nur für Rollen mit `materials:read`.",
    en: "A spool reached its low-stock threshold (once, until refilled). Only for roles with `materials:read`.",
  },
  "file.download": {
    de: "Ein Download vom Drucker hat seinen Zustand geändert oder ist vorangekommen (höchstens zweimal pro Sekunde). `error` ist ein Schlüssel unter `files.errors`.",
    en: "A download from a printer changed state or made progress (at most twice a second). `error` is a key under `files.errors`.",
  },
  "files.synced": {
    de: "Der Speicher eines Druckers wurde gelesen: so viele Dateien sind neu, geändert oder verschwunden.",
    en: "A printer's storage was listed: this many files are new, changed or gone.",
  },
};
