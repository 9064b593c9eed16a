/**
 * Byte counts are BigInt in the database (PostgreSQL's INTEGER ends at 2 GiB) and plain
 * numbers everywhere else: exact up to 2^53 bytes (8 PiB), which no print file nears, and
 * JSON carries them as ordinary numbers.
 */
export function toBytes(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < 0n) throw new RangeError(`byte count out of range: ${value}`);
  return Number(value);
}

export function toBytesOrNull(value: bigint | null): number | null {
  return value === null ? null : toBytes(value);
}
