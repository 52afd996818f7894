// Certificate numbers, the sequence allocator across processes, verification codes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import {
  formatCertificateNumber,
  FsSequenceAllocator,
  generateVerificationCode,
  isVerificationCode,
  issueCertificateNumber,
  parseCertificateNumber,
  VERIFICATION_CODE_ALPHABET,
} from '../../workers/documents/certificates.js';

jest.setTimeout(30_000);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const roots: string[] = [];
const tmp = () => {
  roots.push(mkdtempSync(path.join(os.tmpdir(), 'cert-seq-')));
  return roots.at(-1)!;
};
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('SPEC 2.9: verification codes', () => {
  it('are 20 symbols without look-alikes, accepted by the public endpoint pattern', () => {
    const codes = Array.from({ length: 2000 }, generateVerificationCode);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{20}$/);
      expect(code).not.toMatch(/[01ILO]/);
      expect(isVerificationCode(code)).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(isVerificationCode('7KQ3MZ9T2HXA4RWB8NC')).toBe(false);
    expect(isVerificationCode('7kq3mz9t2hxa4rwb8ncd')).toBe(false);
    expect(isVerificationCode('7KQ3MZ9T2HXA4RWB8NCO')).toBe(false);
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

  it('are allocated in order per year and office, and once per owner', async () => {
    const allocator = new FsSequenceAllocator(tmp());
    expect(await issueCertificateNumber(allocator, 2024, 'C017')).toBe('2024-C017-000001');
    expect(await issueCertificateNumber(allocator, 2024, 'C017', 'JL-2024-000009')).toBe('2024-C017-000002');
    expect(await issueCertificateNumber(allocator, 2024, 'C017', 'JL-2024-000009')).toBe('2024-C017-000002');
    expect(await issueCertificateNumber(allocator, 2024, 'C018')).toBe('2024-C018-000001');
    expect(await issueCertificateNumber(allocator, 2025, 'C017')).toBe('2025-C017-000001');
    const same = await Promise.all(Array.from({ length: 10 }, () => allocator.next(2024, 'C017', 'JL-2024-000010')));
    expect(new Set(same).size).toBe(1);
  });

  it('never repeat, across processes allocating at the same time', async () => {
    const root = tmp();
    const script = `
      import { FsSequenceAllocator } from './workers/documents/certificates.ts';
      const allocator = new FsSequenceAllocator(process.argv[1]);
      const out = await Promise.all(Array.from({ length: 25 }, () => allocator.next(2024, 'C017')));
      process.stdout.write(JSON.stringify(out));`;
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, root], { cwd: ROOT });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(err))));
      });
    const all = (await Promise.all([run(), run(), run(), run()])).flat();
    expect(all).toHaveLength(100);
    expect(new Set(all).size).toBe(100);
    expect(Math.max(...all)).toBe(100);
  });
});
