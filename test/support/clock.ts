// The clock of date-dependent tests. By default the real time; with TEST_NOW (an ISO-8601 instant
// with its offset, or a date YYYY-MM-DD read as 10:00 in Asia/Shanghai) the tests of this process
// run as if that were now, with time moving on from there. CI runs the date-dependent tests once
// more with TEST_NOW=2027-12-20, so that a year without the official holiday schedule and a turn
// of the year are covered whatever the day the suite runs.
const setting = process.env.TEST_NOW?.trim();

function parse(value: string): Date {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T10:00:00+08:00` : value);
  if (Number.isNaN(at.getTime())) throw new Error(`TEST_NOW: "${value}" is neither a date YYYY-MM-DD nor an ISO-8601 instant`);
  return at;
}

const offsetMs = setting ? parse(setting).getTime() - Date.now() : 0;

/** Now, as the date-dependent tests see it. */
export function testNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The clock handed to services and handlers under test. */
export const testClock = (): Date => testNow();

/** Whether the tests run on a moved clock (TEST_NOW set). */
export const clockMoved = offsetMs !== 0;
