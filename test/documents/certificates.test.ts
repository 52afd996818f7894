// Certificate numbers' format and verification codes (the registry numbers certificates: test/registry).
import { describe, expect, it } from '@jest/globals';
import { formatCertificateNumber, parseCertificateNumber } from '../../workers/documents/certificates.js';
import { CODE_ALPHABET as VERIFICATION_CODE_ALPHABET, generateVerificationCode, isVerificationCode } from '../../workers/domain/codes.js';

describe('SPEC 2.9: verification codes', () => {
  it('are 20 symbols without look-alikes, accepted by the public endpoint pattern', () => {
    const codes = Array.from({ length: 2000 }, generateVerificationCode);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{20}$/);
      expect(code).not.toMatch(/[01ILO]/);
      expect(isVerificationCode(code)).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(isVerificationCode('7KQ3MZ9T2HXA4RWB8NC')).toBe(false);
    expect(isVerificationCode('7kq3mz9t2hxa4rwb8ncd')).toBe(false);
    expect(isVerificationCode('7KQ3MZ9T2HXA4RWB8NCO')).toBe(false);
    // L is not drawn (a look-alike of 1), so no code holds it: the pattern refuses it like O and I.
    expect(isVerificationCode('7KQ3MZ9T2HXA4RWB8NCL')).toBe(false);
    expect(isVerificationCode('7KQ3MZ9T2HXA4RWB8NCI')).toBe(false);
  });

  it('use every symbol about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const ch of generateVerificationCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(VERIFICATION_CODE_ALPHABET.length);
    const expected = (3000 * 20) / VERIFICATION_CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.1);
  });
});

describe('certificate numbers', () => {
  it('format and parse year, office and sequence', () => {
    expect(formatCertificateNumber({ year: 2024, office: 'C017', sequence: 123 })).toBe('2024-C017-000123');
    expect(parseCertificateNumber('2024-220000-999999')).toEqual({ year: 2024, office: '220000', sequence: 999999 });
    expect(parseCertificateNumber('2024-C017-000000')).toBeNull();
    expect(parseCertificateNumber('2024-c017-000001')).toBeNull();
    expect(() => formatCertificateNumber({ year: 2024, office: 'C-17', sequence: 1 })).toThrow(/office/);
    expect(() => formatCertificateNumber({ year: 2024, office: 'C017', sequence: 1_000_000 })).toThrow(/sequence/);
  });
});
