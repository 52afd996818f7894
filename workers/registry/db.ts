// Opens the registry's database: PostgreSQL when a URL is given (production, and the concurrency
// tests), otherwise PGlite in a folder (the embedded default of `make start`) or in memory. The
// same migrations and queries run on both; migrations run here, before anything else uses it.
import { chmodSync, mkdirSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations.js';
import { PgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export interface RegistryDatabase {
  db: Kysely<Database>;
  /** Which store it is, for logs and health. */
  store: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `postgres://…`: use that PostgreSQL database. */
  url?: string | undefined;
  /** PGlite's data folder when no URL is given; `memory://` keeps it in memory. */
  dir: string;
  /** Largest number of PostgreSQL connections of this process. */
  poolSize?: number;
}

// DATE stays a YYYY-MM-DD string (a meeting day, not an instant); int8 ids as strings.
pg.types.setTypeParser(1082, (value: string) => value);

/** Opens the database and brings its schema up to date. */
export async function openRegistryDatabase(options: OpenOptions): Promise<RegistryDatabase> {
  let db: Kysely<Database>;
  let store: RegistryDatabase['store'];
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
    // A client that loses its server must not crash the process: idle in the pool (the pool's
    // error event), or checked out between two statements of a transaction (its own error event,
    // which no query is waiting to receive); the next query on it reports the failure.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => void client.on('error', () => undefined));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = 'postgres';
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    if (!options.dir.startsWith('memory://')) {
      // Applicants' data: the folder is the service user's alone, whatever created it before.
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      chmodSync(options.dir, 0o700);
    }
    const lite = await PGlite.create(options.dir.startsWith('memory://') ? undefined : options.dir);
    db = new Kysely<Database>({ dialect: new PgliteDialect(lite) });
    store = 'pglite';
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return { db, store, close: () => db.destroy() };
}

/** Runs every migration not yet applied; throws naming the one that failed. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`registry migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
