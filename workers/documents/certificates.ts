// Certificate numbers and verification codes (SPEC 2.9).
//
// Number: year, issuing office, sequence (2024-C017-000123). The sequence comes from an allocator;
// the filesystem one claims each number by creating its own file with O_EXCL, which the kernel
// makes atomic across processes and machines sharing the folder, so two workers can never take
// the same number, and a crashed worker leaves no lock behind (at worst an unused number).
//
// Verification code: 20 characters drawn with crypto.randomInt (no modulo bias) from 31 symbols
// without the look-alikes 0/O, 1/I/L: about 99 bits, so it can neither be guessed nor enumerated
// through the public verification endpoint.
import { randomInt } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createAtomic, writeAtomic } from './atomic-file.js';
import { sha256Hex } from './store.js';

/** Symbols of verification codes: digits and capitals without 0, 1, I, L, O. */
export const VERIFICATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Length of a verification code. */
export const VERIFICATION_CODE_LENGTH = 20;
const CODE = new RegExp(`^[${VERIFICATION_CODE_ALPHABET}]{${VERIFICATION_CODE_LENGTH}}$`);

/** A new verification code from the operating system's cryptographic random source. */
export function generateVerificationCode(): string {
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) code += VERIFICATION_CODE_ALPHABET[randomInt(VERIFICATION_CODE_ALPHABET.length)];
  return code;
}

/** Whether `value` is a well-formed verification code (upper case, as printed). */
export function isVerificationCode(value: string): boolean {
  return CODE.test(value);
}

/** The parts of a certificate number. */
export interface CertificateNumber {
  year: number;
  /** Issuing office: a committee id (C017) or a division code (220000); capitals and digits. */
  office: string;
  /** 1..999999 within the year and office. */
  sequence: number;
}

const OFFICE = /^[A-Z0-9]{2,12}$/;
/** Largest sequence number of one year and office. */
export const MAX_SEQUENCE = 999_999;
const NUMBER = /^(\d{4})-([A-Z0-9]{2,12})-(\d{6})$/;

function check({ year, office, sequence }: CertificateNumber): void {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`certificate year out of range: ${year}`);
  if (!OFFICE.test(office)) throw new RangeError(`issuing office must be 2-12 capitals or digits: ${JSON.stringify(office)}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`certificate sequence out of range 1..${MAX_SEQUENCE}: ${sequence}`);
  }
}

/** 2024-C017-000123. */
export function formatCertificateNumber(parts: CertificateNumber): string {
  check(parts);
  return `${parts.year}-${parts.office}-${String(parts.sequence).padStart(6, '0')}`;
}

/** The parts of a formatted certificate number, or null when it is not one. */
export function parseCertificateNumber(value: string): CertificateNumber | null {
  const m = NUMBER.exec(value);
  if (!m) return null;
  const parts = { year: Number(m[1]), office: m[2]!, sequence: Number(m[3]) };
  try {
    check(parts);
  } catch {
    return null;
  }
  return parts;
}

/** Hands out sequence numbers, never the same one twice for a year and office. */
export interface SequenceAllocator {
  /**
   * The next free sequence of `year` and `office`. With `owner` (e.g. the application id) the call
   * is idempotent: the same owner gets the same number back, so a retried task issues no second one.
   */
  next(year: number, office: string, owner?: string): Promise<number>;
}

/**
 * Filesystem allocator: `<root>/<year>/<office>/claims/<n>` exists once number n is taken (created
 * with O_EXCL), `owners/<digest>` remembers an owner's number, and `next` is a hint where to start
 * looking (never trusted: a stale hint costs only a few extra probes).
 */
export class FsSequenceAllocator implements SequenceAllocator {
  constructor(readonly root: string) {}

  async next(year: number, office: string, owner?: string): Promise<number> {
    check({ year, office, sequence: 1 });
    const dir = path.join(this.root, String(year), office);
    const claims = path.join(dir, 'claims');
    const owners = path.join(dir, 'owners');
    await mkdir(claims, { recursive: true });
    const ownerFile = owner === undefined ? null : path.join(owners, sha256Hex(owner));
    if (ownerFile) {
      const known = await this.readNumber(ownerFile);
      if (known !== null) return known;
      await mkdir(owners, { recursive: true });
    }
    let sequence = (await this.readNumber(path.join(dir, 'next'))) ?? (await this.highestClaim(claims)) + 1;
    for (;; sequence++) {
      if (sequence > MAX_SEQUENCE) throw new RangeError(`no certificate numbers left for ${year}-${office}`);
      try {
        const handle = await open(path.join(claims, String(sequence)), 'wx', 0o644);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    if (ownerFile) {
      if (!(await createAtomic(ownerFile, Buffer.from(String(sequence))))) {
        // The same owner asked concurrently and won: give our claim back and answer with theirs.
        await rm(path.join(claims, String(sequence)), { force: true });
        const theirs = await this.readNumber(ownerFile);
        if (theirs === null) throw new Error(`owner record ${ownerFile} is unreadable`);
        return theirs;
      }
    }
    await this.writeHint(dir, sequence + 1);
    return sequence;
  }

  private async readNumber(file: string): Promise<number | null> {
    try {
      const text = (await readFile(file, 'utf8')).trim();
      return /^\d+$/.test(text) ? Number(text) : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private async highestClaim(claims: string): Promise<number> {
    let max = 0;
    for (const name of await readdir(claims)) if (/^\d+$/.test(name)) max = Math.max(max, Number(name));
    return max;
  }

  private async writeHint(dir: string, next: number): Promise<void> {
    // Only a hint: a lost or late update costs extra probes next time, never a duplicate.
    await writeAtomic(path.join(dir, 'next'), Buffer.from(String(next)), { sync: false }).catch(() => undefined);
  }
}

/** Allocates and formats the next certificate number of `year` and `office`. */
export async function issueCertificateNumber(
  allocator: SequenceAllocator,
  year: number,
  office: string,
  owner?: string,
): Promise<string> {
  return formatCertificateNumber({ year, office, sequence: await allocator.next(year, office, owner) });
}
