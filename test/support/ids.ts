// Valid, distinct identifiers for tests (each test isolates its data by its own applicant).
import { randomInt } from 'node:crypto';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A random resident ID number of Changchun with a correct check digit. */
export function randomResidentId(): string {
  const year = 1965 + randomInt(35);
  const body = `220102${year}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}${String(randomInt(1000)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}
