// Instants in Asia/Shanghai (UTC+8, no daylight saving), the time zone of every rule.

const OFFSET_MS = 8 * 3600_000;

/** `2024-01-15T10:00:00+08:00` for an instant. */
export function toShanghaiIso(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/** The calendar year of an instant in Asia/Shanghai. */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + OFFSET_MS).getUTCFullYear();
}
