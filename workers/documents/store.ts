// Content-addressed document store: a document is named by the SHA-256 of its bytes, so storing the
// same bytes twice stores them once, and a reference in a process variable can never point at other
// content. Writes are atomic (temporary file in the target folder, fsync, rename): a reader sees
// the whole document or none, even across a crash.
//
// Rendering is not byte-deterministic (a document's embedded fonts hold the glyphs of the batch it
// was printed with), so idempotency comes from the render key: the digest of the template and its
// data maps to the document made from them the first time. A retried task finds that document
// instead of making a second one.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createAtomic, writeAtomic } from './atomic-file.js';

/** What `put` answers: the document's name and size. */
export interface StoredDocument {
  sha256: string;
  size: number;
}

/** Where documents live; the filesystem by default, any blob store through this interface. */
export interface DocumentStore {
  /** Stores `bytes` (once, whatever the number of calls) and names them. */
  put(bytes: Uint8Array): Promise<StoredDocument>;
  /** The bytes named `sha256`, or null when the store has none. */
  get(sha256: string): Promise<Buffer | null>;
  /** Whether the store holds `sha256`. */
  has(sha256: string): Promise<boolean>;
  /** The document recorded for a render key, or null. */
  lookup(key: string): Promise<StoredDocument | null>;
  /** Records the document made for a render key; the first record of a key wins. */
  record(key: string, document: StoredDocument): Promise<StoredDocument>;
}

/** A document reference as process variables carry it. */
export interface DocumentRef extends StoredDocument {
  template: string;
  mediaType: 'application/pdf';
  fileName: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON with object keys sorted at every level: equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** The render key of `template` + `data` (+ the templates' version, so an edited template renders anew). */
export function renderKey(template: string, data: unknown, templatesVersion = ''): string {
  return sha256Hex(`${template}\n${templatesVersion}\n${canonicalJson(data)}`);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The filesystem store: `<root>/ab/abcdef…` per document, `<root>/keys/…` per render key. */
export class FsDocumentStore implements DocumentStore {
  constructor(readonly root: string) {}

  private file(sha256: string): string {
    // Names are checked so that no caller can reach outside the store's folder.
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 document name: ${JSON.stringify(sha256)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  private keyFile(key: string): string {
    return path.join(this.root, 'keys', sha256Hex(key));
  }

  async put(bytes: Uint8Array): Promise<StoredDocument> {
    const sha256 = sha256Hex(bytes);
    const file = this.file(sha256);
    // Same name, same content: an existing file of the right size is this document.
    const existing = await stat(file).catch((error: unknown) => (isMissing(error) ? null : Promise.reject(error)));
    if (existing?.size !== bytes.length) await writeAtomic(file, bytes);
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      const bytes = await readFile(this.file(sha256));
      if (sha256Hex(bytes) !== sha256) throw new Error(`document ${sha256} is damaged in the store`);
      return bytes;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.file(sha256));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async lookup(key: string): Promise<StoredDocument | null> {
    let text: string;
    try {
      text = await readFile(this.keyFile(key), 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const ref = JSON.parse(text) as StoredDocument;
    return (await this.has(ref.sha256)) ? ref : null;
  }

  async record(key: string, document: StoredDocument): Promise<StoredDocument> {
    const file = this.keyFile(key);
    const text = Buffer.from(JSON.stringify({ sha256: document.sha256, size: document.size }));
    // Exclusive and atomic: of two concurrent renders of one key, the first record wins and the
    // other answers with it (its own bytes stay behind as an unreferenced document).
    if (await createAtomic(file, text)) return document;
    const winner = await this.lookup(key);
    if (winner) return winner;
    // The recorded document is gone from the store: this one takes its place.
    await writeAtomic(file, text);
    return document;
  }
}
