// The material store the configuration names: the filesystem (MATERIALS_DIR) or an S3-compatible
// object store (S3_*).
import type { Config } from '../config.js';
import { FsMaterialStore } from './fs-store.js';
import { S3MaterialStore } from './s3-store.js';
import type { MaterialStore } from './store.js';

export type MaterialStoreConfig = Pick<
  Config,
  'MATERIALS_STORE' | 'MATERIALS_DIR' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_BUCKET' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

export function createMaterialStore(config: MaterialStoreConfig): MaterialStore {
  switch (config.MATERIALS_STORE) {
    case 'fs':
      return new FsMaterialStore(config.MATERIALS_DIR);
    case 's3':
      return new S3MaterialStore({
        ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
        region: config.S3_REGION,
        bucket: config.S3_BUCKET,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      });
  }
}

export { FsMaterialStore, digesting } from './fs-store.js';
export { S3MaterialStore, type S3MaterialStoreOptions } from './s3-store.js';
export { SHA256_HEX, type MaterialStore, type StoredBlob } from './store.js';
