// Application ids: readable, unguessable, and safe in URLs and business keys.
import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `JL2024-7K3M9Q2X4T`: the policy year and ten random characters (about 49 bits). */
export function newApplicationId(year: number): string {
  let suffix = '';
  for (let i = 0; i < 10; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `JL${year}-${suffix}`;
}

export const APPLICATION_ID_PATTERN = /^JL\d{4}-[2-9A-HJ-NP-Z]{10}$/;
