// Application ids and certificate verification codes: one alphabet, digits and capitals without the
// look-alikes 0/O, 1/I/L, drawn with crypto.randomInt (no modulo bias). What is not made of it is
// no id and no code, whatever it looks like.
import { randomInt } from 'node:crypto';

/** The symbols of application ids and verification codes. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Length of a verification code: about 99 bits, neither guessed nor enumerated through the public endpoint. */
export const VERIFICATION_CODE_LENGTH = 20;
/** Random characters of an application id: about 49 bits. */
const APPLICATION_ID_RANDOM = 10;

/** Patterns as the OpenAPI document states them (JSON Schema `pattern`). */
export const APPLICATION_ID_SOURCE = `^JL\\d{4}-[${CODE_ALPHABET}]{${APPLICATION_ID_RANDOM}}$`;
export const VERIFICATION_CODE_SOURCE = `^[${CODE_ALPHABET}]{${VERIFICATION_CODE_LENGTH}}$`;
export const APPLICATION_ID_PATTERN = new RegExp(APPLICATION_ID_SOURCE);
export const VERIFICATION_CODE_PATTERN = new RegExp(VERIFICATION_CODE_SOURCE);

const draw = (n: number): string => Array.from({ length: n }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** `JL2024-7K3M9Q2X4T`: the policy year and ten random characters. */
export function newApplicationId(year: number): string {
  return `JL${year}-${draw(APPLICATION_ID_RANDOM)}`;
}

/** A new verification code from the operating system's cryptographic random source. */
export function generateVerificationCode(): string {
  return draw(VERIFICATION_CODE_LENGTH);
}

/** Whether `value` is a well-formed verification code (upper case, as printed). */
export function isVerificationCode(value: string): boolean {
  return VERIFICATION_CODE_PATTERN.test(value);
}

/** `M-` and sixteen random characters (about 79 bits): an uploaded material, unguessable by another client. */
export function newMaterialId(): string {
  return `M-${draw(16)}`;
}

export const MATERIAL_ID_PATTERN = new RegExp(`^M-[${CODE_ALPHABET}]{16}$`);
