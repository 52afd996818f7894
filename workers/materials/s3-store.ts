// The material store on any S3-compatible object store (MinIO, Ceph's radosgw, a cloud's object
// storage; S3Proxy in the tests): blob `blobs/<aa>/<sha256>` of one bucket. An upload streams,
// digested on the way, into a temporary object `uploads/<random>` (a multipart upload of bounded
// parts, so memory stays flat whatever the size); once complete it is copied to its blob's key, or
// dropped when that blob exists already, and the temporary object goes. A broken upload is aborted
// and leaves neither a blob nor a temporary object.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { digesting } from './fs-store.js';
import { SHA256_HEX, type MaterialStore, type StoredBlob } from './store.js';

export interface S3MaterialStoreOptions {
  /** The S3 API's endpoint; unset: the AWS endpoint of `region`. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO, S3Proxy, most on-premises stores). */
  forcePathStyle: boolean;
  /** A client of one's own (tests); the options above are then ignored but for `bucket`. */
  client?: S3Client;
}

/** Size of one part of a multipart upload (S3's minimum) and how many are sent at once. */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;

/** Whether `error` is S3's answer that the object (or bucket) is not there. */
function notFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.$metadata.httpStatusCode === 404 || ['NoSuchKey', 'NotFound', 'NoSuchBucket'].includes(error.name);
  }
  return error instanceof Error && ['NoSuchKey', 'NotFound'].includes(error.name);
}

export class S3MaterialStore implements MaterialStore {
  readonly kind = 's3' as const;
  readonly bucket: string;
  private readonly client: S3Client;

  constructor(options: S3MaterialStoreOptions) {
    this.bucket = options.bucket;
    this.client =
      options.client ??
      new S3Client({
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        region: options.region,
        forcePathStyle: options.forcePathStyle,
        credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
        // Checksums only where S3 requires them: the CRC32 headers and trailers the SDK adds by
        // default are not understood by every S3-compatible store. The content is named by its
        // SHA-256, computed here, anyway.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
  }

  private key(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return `blobs/${sha256.slice(0, 2)}/${sha256}`;
  }

  /** Creates the bucket when it is missing (first start, tests). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (error) {
      if (!notFound(error)) throw error;
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      // Created meanwhile by another instance.
      if (!(error instanceof S3ServiceException && ['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(error.name))) throw error;
    }
  }

  async put(body: Readable): Promise<StoredBlob> {
    // A body that failed or closed before it is read would never end.
    if (body.destroyed) throw body.errored ?? new Error('the body was closed before it was stored');
    const tmp = `uploads/${Date.now().toString(36)}-${randomBytes(12).toString('hex')}`;
    const digest = digesting();
    // The body's own failure (a size limit, a client gone) is what the caller is told, not the
    // upload's consequence of it.
    let bodyError: unknown;
    const onBodyError = (error: unknown) => {
      bodyError ??= error;
      digest.destroy(error instanceof Error ? error : new Error(String(error)));
    };
    // Kept for the body's lifetime: an error after this put is over is not an uncaught exception.
    body.on('error', onBodyError);
    body.pipe(digest);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tmp, Body: digest, ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    let uploaded = false;
    try {
      await upload.done();
      uploaded = true;
      if (bodyError !== undefined) throw bodyError;
      const blob = digest.result();
      const key = this.key(blob.sha256);
      if (!(await this.exists(key))) {
        await this.client.send(
          new CopyObjectCommand({
            Bucket: this.bucket,
            Key: key,
            CopySource: `${this.bucket}/${tmp}`,
          }),
        );
      }
      return blob;
    } catch (error) {
      // Aborting drops the parts sent so far; the body is not read any further.
      if (!uploaded) await upload.abort().catch(() => undefined);
      body.unpipe(digest);
      if (!body.destroyed) body.destroy();
      if (!digest.destroyed) digest.destroy();
      throw bodyError ?? error;
    } finally {
      await this.deleteKey(tmp).catch(() => undefined);
    }
  }

  async get(sha256: string): Promise<Readable | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      if (Body instanceof Readable) return Body;
      if (Body === undefined) throw new Error(`S3 answered no body for ${sha256}`);
      // Not Node's stream (another runtime's fetch): a web stream, converted.
      return Readable.fromWeb(Body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    return this.exists(this.key(sha256));
  }

  async delete(sha256: string): Promise<void> {
    if (!SHA256_HEX.test(sha256)) return;
    await this.deleteKey(this.key(sha256));
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  private async deleteKey(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!notFound(error)) throw error;
    }
  }
}
