import { z } from "zod";
import { eventSchemas, type EventType } from "@/lib/catalog/events";
import { eventDescriptions } from "./event-descriptions";

export type DocLocale = "de" | "en";

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
}

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
}

function typeName(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeName).join(" \\| ");
  if (schema.enum) return schema.enum.map((value) => `\`${JSON.stringify(value)}\``).join(" \\| ");
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"];
  return types
    .map((type) => {
      if (type === "array") return `${schema.items ? typeName(schema.items) : "any"}[]`;
      if (type === "object" && !schema.properties && typeof schema.additionalProperties === "object") {
        return `{ [key]: ${typeName(schema.additionalProperties)} }`;
      }
      return type;
    })
    .join(" \\| ");
}

function objectPart(schema: JsonSchema): JsonSchema | null {
  if (schema.properties) return schema;
  if (schema.items) return objectPart(schema.items);
  for (const option of schema.anyOf ?? []) {
    const found = objectPart(option);
    if (found) return found;
  }
  return null;
}

function rows(schema: JsonSchema, prefix: string): FieldRow[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([key, inner]) => {
    const isArray = inner.type === "array" || (Array.isArray(inner.type) && inner.type.includes("array"));
    const path = `${prefix}${key}`;
    const nested = objectPart(inner);
    const row: FieldRow = { path, type: nested ? (isArray ? "object[]" : typeName({ ...inner, properties: undefined, type: inner.type ?? "object" }).replace(/^(any)$/, "object")) : typeName(inner), required: required.has(key) };
    return [row, ...(nested ? rows(nested, `${path}${isArray ? "[]" : ""}.`) : [])];
  });
}

function payloadTable(type: EventType, locale: DocLocale): string {
  const schema = z.toJSONSchema(eventSchemas[type], { io: "output", unrepresentable: "any" }) as JsonSchema;
  const head = locale === "de" ? "| Feld | Typ | Pflicht |\n|---|---|---|" : "| Field | Type | Required |\n|---|---|---|";
  const yes = locale === "de" ? "ja" : "yes";
  const no = locale === "de" ? "nein" : "no";
  return [head, ...rows(schema, "").map((row) => `| \`${row.path}\` | ${row.type.replaceAll("-9007199254740991", "").trim()} | ${row.required ? yes : no} |`)].join("\n");
}

const intro: Record<DocLocale, string> = {
  de: `# Live-Ereignisse (\`GET /api/events\`)

> Diese Seite wird von \`npm run docs:events\` aus den Ereignis-Schemas erzeugt (\`lib/catalog/events.ts\`). Nicht von Hand ändern: ein Test schlägt fehl, wenn sie veraltet ist.

\`GET /api/events\` ist ein Server-Sent-Events-Strom (\`text/event-stream\`). Er braucht eine Anmeldung (Sitzungs-Cookie) oder ein API-Token mit dem Scope \`read\` (Berechtigung \`events:read\`). Jede Nachricht ist ein Datensatz des Ereignis-Logs:

\`\`\`
id: 4711
data: {"id":4711,"type":"printer.state","printerId":"clx…","createdAt":"2026-12-07T09:15:02.120Z","payload":{…}}
\`\`\`

- \`id\` ist die fortlaufende Nummer des Ereignisses in der Datenbank. Nachrichten haben keinen \`event:\`-Namen: alle kommen bei \`onmessage\` an und werden nach \`type\` unterschieden.
- **Fortsetzen:** Nach einem Verbindungsabbruch schickt der Browser automatisch \`Last-Event-ID: <letzte id>\`; der Server liefert alles danach aus der Datenbank nach, lückenlos und ohne Duplikate, dann live weiter. Andere Clients setzen den Header selbst oder hängen \`?lastEventId=<id>\` an die Adresse.
- Liegt der Client mehr als \`PRINTERNIZER_EVENT_REPLAY_MAX\` (Standard 1000) Ereignisse zurück, kommt stattdessen ein Ereignis \`event: resync\`: Daten neu laden, die mitgeschickte \`id\` ist der neue Stand.
- \`event: superseded\`: Dieser Strom wurde für einen neueren desselben Benutzers geschlossen (höchstens \`PRINTERNIZER_STREAMS_PER_USER\` gleichzeitig); nicht neu verbinden.
- Alle 15 Sekunden kommt ein Kommentar (\`: ping\`), damit Proxys die Verbindung offen halten.
- Was eine Rolle nicht sehen darf, fehlt im Payload: Kunde und Auftragsnummer brauchen \`jobs:customer\`, Geldbeträge \`business:read\`; \`spool.low_stock\` nur mit \`materials:read\`.
- Ein Verbindungsaufbau zählt gegen das Budget \`PRINTERNIZER_RATE_LIMIT_STREAM\`.

## Beispiel: Browser

\`\`\`js
const source = new EventSource("/api/events"); // gleiche Herkunft, Sitzungs-Cookie
source.onmessage = (message) => {
  const event = JSON.parse(message.data);
  if (event.type === "printer.state") console.log(event.printerId, event.payload.state.state);
};
source.addEventListener("resync", () => location.reload());
source.addEventListener("superseded", () => source.close());
\`\`\`

## Beispiel: Node.js (API-Token, Fortsetzen)

\`\`\`js
// node client.mjs — Node 24, keine Abhängigkeiten
const base = "https://printernizer.local";
let lastId = null;
for (;;) {
  const headers = { authorization: \`Bearer \${process.env.PRINTERNIZER_TOKEN}\`, accept: "text/event-stream" };
  if (lastId) headers["last-event-id"] = lastId;
  try {
    const response = await fetch(\`\${base}/api/events\`, { headers });
    if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
    let buffer = "";
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\\n\\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = frame.match(/^id: (.*)$/m)?.[1];
        const data = frame.match(/^data: (.*)$/m)?.[1];
        if (id) lastId = id;
        if (/^event: superseded$/m.test(frame)) process.exit(0);
        if (data && !/^event: /m.test(frame)) console.log(JSON.parse(data).type);
      }
    }
  } catch (error) {
    console.error(error.message);
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
}
\`\`\`

## Ereignistypen
`,
  en: `# Live events (\`GET /api/events\`)

> This page is generated by \`npm run docs:events\` from the event schemas (\`lib/catalog/events.ts\`). Do not edit it by hand: a test fails when it is stale.

\`GET /api/events\` is a server-sent event stream (\`text/event-stream\`). It needs a signed-in session (cookie) or an API token with the scope \`read\` (permission \`events:read\`). Each message is one row of the event log:

\`\`\`
id: 4711
data: {"id":4711,"type":"printer.state","printerId":"clx…","createdAt":"2026-12-07T09:15:02.120Z","payload":{…}}
\`\`\`

- \`id\` is the event's sequence number in the database. Messages carry no \`event:\` name: all of them reach \`onmessage\` and are told apart by \`type\`.
- **Resuming:** after a dropped connection the browser sends \`Last-Event-ID: <last id>\` by itself; the server replays everything after it from the database, without gap or duplicate, then goes on live. Other clients set the header themselves or add \`?lastEventId=<id>\` to the address.
- A client more than \`PRINTERNIZER_EVENT_REPLAY_MAX\` (default 1000) events behind gets an \`event: resync\` instead: reload the data; the \`id\` sent with it is the new position.
- \`event: superseded\`: this stream was closed for a newer one of the same user (at most \`PRINTERNIZER_STREAMS_PER_USER\` at once); do not reconnect.
- Every 15 seconds a comment (\`: ping\`) keeps proxies from closing the connection.
- What a role may not see is left out of the payload: customer and order reference need \`jobs:customer\`, money \`business:read\`; \`spool.low_stock\` only reaches roles with \`materials:read\`.
- Opening a stream spends the \`PRINTERNIZER_RATE_LIMIT_STREAM\` budget.

## Example: browser

\`\`\`js
const source = new EventSource("/api/events"); // same origin, session cookie
source.onmessage = (message) => {
  const event = JSON.parse(message.data);
  if (event.type === "printer.state") console.log(event.printerId, event.payload.state.state);
};
source.addEventListener("resync", () => location.reload());
source.addEventListener("superseded", () => source.close());
\`\`\`

## Example: Node.js (API token, resuming)

\`\`\`js
// node client.mjs — Node 24, no dependencies
const base = "https://printernizer.local";
let lastId = null;
for (;;) {
  const headers = { authorization: \`Bearer \${process.env.PRINTERNIZER_TOKEN}\`, accept: "text/event-stream" };
  if (lastId) headers["last-event-id"] = lastId;
  try {
    const response = await fetch(\`\${base}/api/events\`, { headers });
    if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
    let buffer = "";
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\\n\\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = frame.match(/^id: (.*)$/m)?.[1];
        const data = frame.match(/^data: (.*)$/m)?.[1];
        if (id) lastId = id;
        if (/^event: superseded$/m.test(frame)) process.exit(0);
        if (data && !/^event: /m.test(frame)) console.log(JSON.parse(data).type);
      }
    }
  } catch (error) {
    console.error(error.message);
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
}
\`\`\`

## Event types
`,
};

/** The reference page of every event type with its payload, in one language. */
export function renderEventReference(locale: DocLocale): string {
  const types = Object.keys(eventSchemas).sort() as EventType[];
  const sections = types.map((type) => `### \`${type}\`\n\n${eventDescriptions[type][locale]}\n\n${payloadTable(type, locale)}\n`);
  return `${intro[locale]}\n${sections.join("\n")}`;
}

export const eventReferencePath = (locale: DocLocale) => `docs/${locale}/reference/events.md`;
