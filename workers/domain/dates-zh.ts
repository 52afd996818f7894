// How a person reads a date or an instant, wherever the product shows one (forms, documents, the
// office workbook, warnings and messages): in Asia/Shanghai, the notice's way. A deadline at 24:00
// of a day is stored as the next day's 00:00 (SPEC 6) and reads as that day at 24时:
// `2027-03-03T00:00:00+08:00` is 2027年3月2日24时; any other instant reads 2027年3月2日 18:00.
// Machine fields (the API's instants, process variables) stay `+08:00` ISO-8601 instants.
import { addDays, dateOf, isIsoDate } from './time.js';

const OFFSET_MS = 8 * 3600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date `YYYY-MM-DD`, or an instant (a `Date` or an ISO-8601 text with its offset). */
export type DateOrInstant = string | Date;

type Parsed = { kind: 'date'; date: string } | { kind: 'instant'; ms: number };

function parse(value: DateOrInstant): Parsed | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { kind: 'instant', ms: value.getTime() };
  if (isIsoDate(value)) return { kind: 'date', date: value };
  // An instant must say where it is: a time without an offset is not read as anyone's local time.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { kind: 'instant', ms };
}

function required(value: DateOrInstant): Parsed {
  const p = parse(value);
  if (!p) throw new RangeError(`not a date YYYY-MM-DD or an ISO-8601 instant with its offset: ${String(value)}`);
  return p;
}

/** 2027年3月2日 for the date 2027-03-02. */
function dayText(date: string): string {
  const [, y, m, d] = DATE.exec(date)!;
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/**
 * The day a date names, or the Asia/Shanghai day an instant falls on: 2027年3月2日. For a day
 * printed as such (申报日期, 发证日期); a deadline or the end of a period reads with
 * {@link formatInstantZh} or {@link formatPeriodZh}.
 */
export function formatDateZh(value: DateOrInstant): string {
  const p = required(value);
  return dayText(p.kind === 'date' ? p.date : dateOf(new Date(p.ms)));
}

/**
 * An instant as a person reads it in Asia/Shanghai: 2027年3月2日24时 for 24:00 of a day (the instant
 * `2027-03-03T00:00:00+08:00`), 2027年3月2日 18:00 otherwise (minutes, seconds left out). A date
 * `YYYY-MM-DD` has no time of day and reads as the day: 2027年3月2日.
 */
export function formatInstantZh(at: DateOrInstant): string {
  const p = required(at);
  if (p.kind === 'date') return dayText(p.date);
  const local = new Date(p.ms + OFFSET_MS).toISOString();
  const date = local.slice(0, 10);
  const time = local.slice(11, 23);
  if (time === '00:00:00.000') return `${dayText(addDays(date, -1))}24时`;
  return `${dayText(date)} ${time.slice(0, 5)}`;
}

/**
 * The last day of a period that ends at `end`, as `YYYY-MM-DD`: a date is the last day itself; an
 * instant is the period's exclusive end, so 24:00 of a day (the next day's 00:00) ends on that day.
 */
export function lastDayOf(end: DateOrInstant): string {
  const p = required(end);
  return p.kind === 'date' ? p.date : dateOf(new Date(p.ms - 1));
}

/** The first day of a period that starts at `start` (a date, or an instant: its Asia/Shanghai day). */
export function firstDayOf(start: DateOrInstant): string {
  const p = required(start);
  return p.kind === 'date' ? p.date : dateOf(new Date(p.ms));
}

/**
 * A period by its days, both printed: 2026年12月3日 至 2026年12月9日. `end` is the last day (a date)
 * or the period's end instant (24:00 of the last day); no end reads 至今 (a post still held).
 */
export function formatPeriodZh(start: DateOrInstant, end: DateOrInstant | null): string {
  const from = dayText(firstDayOf(start));
  return end === null ? `${from} 至 今` : `${from} 至 ${dayText(lastDayOf(end))}`;
}

/** Whether `value` reads as a date or an instant (what the helpers accept). */
export function isDateOrInstant(value: unknown): value is DateOrInstant {
  return (typeof value === 'string' || value instanceof Date) && parse(value) !== null;
}
