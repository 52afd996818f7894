// Content-addressed store: names, atomic writes, render keys.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { canonicalJson, FsDocumentStore, renderKey, sha256Hex } from '../../workers/documents/store.js';

const roots: string[] = [];
const fresh = () => {
  roots.push(mkdtempSync(path.join(os.tmpdir(), 'doc-store-')));
  return new FsDocumentStore(roots.at(-1)!);
};
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('FsDocumentStore', () => {
  it('names documents by their SHA-256 and stores each once', async () => {
    const store = fresh();
    const bytes = Buffer.from('%PDF-1.7 一览表');
    const a = await store.put(bytes);
    const b = await store.put(Buffer.from(bytes));
    expect(a).toEqual({ sha256: sha256Hex(bytes), size: bytes.length });
    expect(b).toEqual(a);
    expect(await store.has(a.sha256)).toBe(true);
    expect(await store.get(a.sha256)).toEqual(bytes);
    const files = readdirSync(path.join(store.root, a.sha256.slice(0, 2)));
    expect(files).toEqual([a.sha256]);
  });

  it('answers null for unknown documents and refuses names that are no digest', async () => {
    const store = fresh();
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.has('0'.repeat(64))).toBe(false);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
    await expect(store.has('A'.repeat(64))).rejects.toThrow(/not a SHA-256/);
  });

  it('writes concurrently without torn or temporary files left', async () => {
    const store = fresh();
    const docs = Array.from({ length: 20 }, (_, i) => Buffer.alloc(100_000 + i, i));
    const refs = await Promise.all([...docs, ...docs].map((d) => store.put(d)));
    for (const [i, d] of docs.entries()) expect((await store.get(refs[i]!.sha256))!.equals(d)).toBe(true);
    const all = readdirSync(store.root, { recursive: true }).map(String);
    expect(all.filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('records the first document of a render key and answers it to later renders', async () => {
    const store = fresh();
    const first = await store.put(Buffer.from('first'));
    const second = await store.put(Buffer.from('second'));
    expect(await store.lookup('k')).toBeNull();
    const [r1, r2] = await Promise.all([store.record('k', first), store.record('k', second)]);
    expect(r1).toEqual(r2);
    expect(await store.lookup('k')).toEqual(r1);
    expect(await store.record('k', second)).toEqual(r1);
  });

  it('derives render keys from template, version and data, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":2,"f":1}]},"b":1}');
    expect(renderKey('certificate', { a: 1, b: 2 }, 'v1')).toBe(renderKey('certificate', { b: 2, a: 1 }, 'v1'));
    expect(renderKey('certificate', { a: 1 }, 'v1')).not.toBe(renderKey('certificate', { a: 1 }, 'v2'));
    expect(renderKey('certificate', { a: 1 }, 'v1')).not.toBe(renderKey('review-summary', { a: 1 }, 'v1'));
  });

  it('keeps the key records outside the document folders', async () => {
    const store = fresh();
    const doc = await store.put(Buffer.from('x'));
    await store.record('key', doc);
    const keyFiles = readdirSync(path.join(store.root, 'keys'));
    expect(keyFiles).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(store.root, 'keys', keyFiles[0]!), 'utf8'))).toEqual(doc);
  });
});
