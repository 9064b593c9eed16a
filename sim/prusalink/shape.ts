/**
 * Compares the JSON shape of a simulator response with a captured one: same keys and
 * the same JSON types, recursively. A null in the capture says "may be null" and
 * matches anything. Arrays match when every captured element shape is produced and
 * every produced element matches some captured one (an empty capture matches all).
 */
export function shapeDifferences(captured: unknown, actual: unknown, where = "$"): string[] {
  if (captured === null) return [];
  const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  if (kind(captured) !== kind(actual)) return [`${where}: expected ${kind(captured)}, got ${kind(actual)}`];
  if (Array.isArray(captured) && Array.isArray(actual)) {
    if (captured.length === 0) return [];
    if (actual.length === 0) return [`${where}: empty array, captured has ${captured.length} elements`];
    const problems: string[] = [];
    captured.forEach((c, i) => {
      if (!actual.some((a) => shapeDifferences(c, a).length === 0)) {
        const closest = shapeDifferences(c, actual[0], `${where}[0]`);
        problems.push(`${where}: no element shaped like captured [${i}] (${closest.join("; ")})`);
      }
    });
    actual.forEach((a, i) => {
      if (!captured.some((c) => shapeDifferences(c, a).length === 0)) {
        problems.push(`${where}[${i}]: shaped like no captured element (${shapeDifferences(captured[0], a, `${where}[${i}]`).join("; ")})`);
      }
    });
    return problems;
  }
  if (isRecord(captured) && isRecord(actual)) {
    const problems: string[] = [];
    for (const key of Object.keys(captured)) {
      if (!(key in actual)) problems.push(`${where}.${key}: missing`);
      else problems.push(...shapeDifferences(captured[key], actual[key], `${where}.${key}`));
    }
    for (const key of Object.keys(actual)) if (!(key in captured)) problems.push(`${where}.${key}: not in capture`);
    return problems;
  }
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
