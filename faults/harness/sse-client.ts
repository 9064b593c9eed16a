/**
 * A browser's EventSource reduced to what the scenarios check: reads the event stream,
 * remembers every data event's id, and on any end or error reconnects with
 * `Last-Event-ID` until stopped.
 */
export interface ResumingClient {
  ids: number[];
  resyncs: number;
  connects: number;
  stop(): void;
  done: Promise<void>;
}

export function resumingClient(url: string, headers: Record<string, string>, retryMs = 250): ResumingClient {
  const abort = new AbortController();
  const client: ResumingClient = { ids: [], resyncs: 0, connects: 0, stop: () => abort.abort(), done: Promise.resolve() };
  let last: number | null = null;

  async function readOnce(): Promise<void> {
    const res = await fetch(url, { headers: { ...headers, ...(last === null ? {} : { "last-event-id": String(last) }) }, signal: abort.signal });
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return;
    }
    client.connects++;
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = res.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map(block.split("\n").map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]));
        const id = fields.has("id") ? Number(fields.get("id")) : null;
        const name = fields.get("event");
        if (name === "resync") client.resyncs++;
        else if (name === undefined && fields.has("data") && id !== null) client.ids.push(id);
        if (id !== null) last = id;
      }
    }
  }

  client.done = (async () => {
    while (!abort.signal.aborted) {
      await readOnce().catch(() => undefined);
      if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  })();
  return client;
}

/** Ids the client should have seen between its first and last one, against what it saw: missing and repeated. */
export function gaps(received: number[], stored: number[]): { lost: number; duplicated: number } {
  if (received.length === 0) return { lost: 0, duplicated: 0 };
  const first = received[0];
  const last = received[received.length - 1];
  const seen = new Map<number, number>();
  for (const id of received) seen.set(id, (seen.get(id) ?? 0) + 1);
  const lost = stored.filter((id) => id >= first && id <= last && !seen.has(id)).length;
  const duplicated = [...seen.values()].reduce((n, count) => n + count - 1, 0);
  return { lost, duplicated };
}
