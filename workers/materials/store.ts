// Where applicants' electronic materials (电子材料) live: a content-addressed blob store. A blob is
// named by the SHA-256 of its bytes, computed while the upload streams through, so the same bytes
// uploaded twice are stored once and a material's record can never point at other content. An
// upload is never held whole in memory: it streams to a temporary object and becomes the blob only
// once complete; a refused or broken upload leaves nothing behind.
//
// Two stores: the local filesystem (the embedded default of `make start`) and any S3-compatible
// object store (production: MinIO, Ceph's radosgw, a cloud's object storage; tests: S3Proxy).
import type { Readable } from 'node:stream';

/** What `put` answers: the blob's name and size. */
export interface StoredBlob {
  sha256: string;
  bytes: number;
}

export interface MaterialStore {
  /** `fs` or `s3`, for health answers and logs. */
  readonly kind: 'fs' | 's3';
  /**
   * Streams `body` into the store under its SHA-256; the same bytes twice are stored once. When
   * `body` fails (a size limit, a client gone), rejects with its error and stores nothing.
   */
  put(body: Readable): Promise<StoredBlob>;
  /** The bytes named `sha256` as a stream, or null when the store has none. */
  get(sha256: string): Promise<Readable | null>;
  /** Whether the store holds `sha256`. */
  has(sha256: string): Promise<boolean>;
  /** Removes the blob named `sha256`; nothing happens when it is absent. */
  delete(sha256: string): Promise<void>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
