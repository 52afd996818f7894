// The working-day calendar of a policy folder: the package's years and `<dir>/calendar/<year>.json`
// for the years it lacks. A bad file stops start-up.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CalendarSupplementError, calendarOf, type SupplementFile, type WorkingDayCalendar } from '../rules/calendar.js';

export function createCalendar(dir?: string): WorkingDayCalendar {
  const folder = dir === undefined ? null : path.join(dir, 'calendar');
  if (!folder || !existsSync(folder)) return calendarOf([]);
  const files: SupplementFile[] = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join('calendar', name);
      try {
        return { file, json: JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as unknown };
      } catch (error) {
        throw new CalendarSupplementError(`${file}: not JSON (${(error as Error).message})`);
      }
    });
  return calendarOf(files);
}
