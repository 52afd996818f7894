// Dates and instants in Asia/Shanghai (UTC+8, no daylight saving), the time zone of every rule.
// A date `YYYY-MM-DD` names a calendar day there, and "24:00 of D" is 00:00 of the next day.

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

const DAY_MS = 86_400_000;

/** 24:00 of a date (the next day's 00:00) as `YYYY-MM-DDT00:00:00+08:00`. */
export function endOfDayIso(date: string): string {
  return `${addDays(date, 1)}T00:00:00+08:00`;
}

/** The Asia/Shanghai calendar date of an instant. */
export function dateOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `value` is a calendar date written YYYY-MM-DD (2024-02-30 is not). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && addDays(value, 0) === value;
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Day of the week, 0 = Sunday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
