// The S3 material store on a real S3 API (S3Proxy, started by test/setup/global-setup.mjs; or the
// store of TEST_S3_ENDPOINT): the shared cases, each on a bucket of its own, and no temporary
// upload left behind (ListObjectsV2 under uploads/, unfinished multipart uploads).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { S3MaterialStore } from '../../workers/materials/s3-store.js';
import { materialStoreCases } from '../support/material-store-cases.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: test/setup/global-setup.mjs starts S3Proxy and sets it`);
  return value;
};
const options = {
  endpoint: env('TEST_S3_ENDPOINT'),
  region: 'us-east-1',
  accessKeyId: env('TEST_S3_ACCESS_KEY_ID'),
  secretAccessKey: env('TEST_S3_SECRET_ACCESS_KEY'),
  forcePathStyle: true,
};
const client = new S3Client({
  endpoint: options.endpoint,
  region: options.region,
  forcePathStyle: true,
  credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const buckets: string[] = [];

async function keys(bucket: string, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    found.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

/** Multipart uploads begun and neither completed nor aborted (none when the store cannot list them). */
async function unfinishedUploads(bucket: string): Promise<string[]> {
  try {
    const { Uploads } = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    return (Uploads ?? []).map((u) => `multipart ${u.Key ?? ''} ${u.UploadId ?? ''}`);
  } catch (error) {
    if (error instanceof Error && /NotImplemented|not implemented/i.test(`${error.name} ${error.message}`)) return [];
    throw error;
  }
}

afterAll(async () => {
  for (const bucket of buckets) {
    for (const key of await keys(bucket, '')) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    await client.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
  }
  client.destroy();
});

materialStoreCases('S3MaterialStore', async () => {
  const bucket = `${env('TEST_S3_BUCKET')}-${randomBytes(4).toString('hex')}`;
  buckets.push(bucket);
  const store = new S3MaterialStore({ ...options, bucket });
  await store.ensureBucket();
  return {
    store,
    blobs: async () => (await keys(bucket, 'blobs/')).map((key) => key.split('/').pop() ?? key),
    temporaries: async () => [...(await keys(bucket, 'uploads/')), ...(await unfinishedUploads(bucket))],
  };
});

describe('S3MaterialStore', () => {
  it('creates its bucket when missing, and accepts that it exists', async () => {
    const bucket = `${env('TEST_S3_BUCKET')}-${randomBytes(4).toString('hex')}`;
    buckets.push(bucket);
    const store = new S3MaterialStore({ ...options, bucket });
    await store.ensureBucket();
    await store.ensureBucket();
    expect(await keys(bucket, '')).toEqual([]);
  });

  it('keeps blobs under blobs/<aa>/<sha256> and nothing else', async () => {
    const bucket = `${env('TEST_S3_BUCKET')}-${randomBytes(4).toString('hex')}`;
    buckets.push(bucket);
    const store = new S3MaterialStore({ ...options, bucket });
    await store.ensureBucket();
    const { sha256 } = await store.put(Readable.from([Buffer.from('%PDF-1.7\n%%EOF\n')]));
    expect(await keys(bucket, '')).toEqual([`blobs/${sha256.slice(0, 2)}/${sha256}`]);
  });
});
