// Certificate numbers (SPEC 2.9); their verification codes are made in domain/codes.ts.
// Number: year, issuing office, sequence (2024-C017-000123). The registry hands out the sequence
// (a counter row per office and year, taken in the certificate's own transaction).
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
