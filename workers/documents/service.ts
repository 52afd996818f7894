// The documents of the running product: one renderer (one Chromium per process), the
// content-addressed store, and expiring signed links that open a stored PDF without an API token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Metrics } from '../metrics.js';
import { renderToStore } from './index.js';
import { createRenderer, type Renderer } from './renderer.js';
import { FsDocumentStore, type DocumentRef, type DocumentStore } from './store.js';

export interface DocumentServiceOptions {
  /** Folder of the filesystem document store. */
  storeDir: string;
  /** Chromium binary. */
  chromiumPath: string;
  /** Public base URL of the API: verification links on certificates and signed document links. */
  baseUrl: string;
  /** Key of the document links' signatures. */
  linkKey: string;
  /** How long a signed link opens its document, in seconds (default 24 h). */
  linkTtlS?: number;
  /** The clock of link expiry (tests). */
  clock?: () => Date;
  metrics?: Metrics;
  /** Another renderer (tests). */
  renderer?: Renderer;
  store?: DocumentStore;
}

/** A stored document as process variables carry it, with its signed link. */
export interface StoredDocumentVar extends DocumentRef {
  /** When it was rendered (ISO instant). */
  renderedAt: string;
  /** Opens the PDF without a token (for reviewers in Tasklist and Cockpit). */
  link: string;
}

const SIGNATURE_LENGTH = 32;
const DEFAULT_LINK_TTL_S = 24 * 3600;
/** How long a browser check answers /healthz before the next one runs. */
const HEALTH_MAX_AGE_MS = 30_000;

/** What a presented link is: valid, not signed by us (or altered), or signed but past its expiry. */
export type LinkCheck = 'valid' | 'invalid' | 'expired';

export class DocumentService {
  readonly renderer: Renderer;
  readonly store: DocumentStore;
  private readonly baseUrl: string;

  constructor(private readonly options: DocumentServiceOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.renderer = options.renderer ?? createRenderer({ executablePath: options.chromiumPath, baseUrl: this.baseUrl });
    this.store = options.store ?? new FsDocumentStore(options.storeDir);
  }

  /** Renders `template` with `data` once (a retry answers the same document) and signs its link, named `fileName` when given. */
  async render(template: string, data: object, renderedAt: Date, fileName?: string): Promise<StoredDocumentVar> {
    const stored = await renderToStore({ renderer: this.renderer, store: this.store }, template, data);
    const ref = fileName ? { ...stored, fileName } : stored;
    this.options.metrics?.documents.inc({ template });
    return { ...ref, renderedAt: renderedAt.toISOString(), link: this.link(ref) };
  }

  /**
   * `<base>/documents/<sha256>/<file name>?exp=<unix s>&sig=...`: opens one stored document, nothing
   * else, until `exp` (DOCUMENT_LINK_TTL_S from now); the expiry is part of what is signed.
   */
  link(ref: Pick<DocumentRef, 'sha256' | 'fileName'>): string {
    const exp = Math.floor(this.now().getTime() / 1000) + (this.options.linkTtlS ?? DEFAULT_LINK_TTL_S);
    return `${this.baseUrl}/documents/${ref.sha256}/${encodeURIComponent(ref.fileName)}?exp=${exp}&sig=${this.signature(ref.sha256, exp)}`;
  }

  /**
   * Checks a presented link's `exp` and `sig` for the document `sha256`, whatever their type,
   * length or bytes (constant time over the signature; never throws).
   */
  verify(sha256: string, sig: unknown, exp: unknown): LinkCheck {
    if (typeof sig !== 'string' || typeof exp !== 'string' || !/^\d{1,12}$/.test(exp)) return 'invalid';
    const presented = Buffer.from(sig, 'utf8');
    const expected = Buffer.from(this.signature(sha256, Number(exp)), 'utf8');
    // Byte lengths, not string lengths: a multi-byte character would make timingSafeEqual throw.
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return 'invalid';
    return Number(exp) * 1000 > this.now().getTime() ? 'valid' : 'expired';
  }

  private signature(sha256: string, exp: number): string {
    return createHmac('sha256', this.options.linkKey).update(`document:${sha256}:${exp}`).digest('base64url').slice(0, SIGNATURE_LENGTH);
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /**
   * The browser answers, for /healthz: the last check's answer while it is younger than
   * `maxAgeMs` (and, when it was alive, the browser is still connected), so that health probes
   * never start a browser per request; otherwise a new check, which starts it if it was not yet.
   */
  health(timeoutMs = 15_000, maxAgeMs = HEALTH_MAX_AGE_MS): Promise<{ alive: boolean; error?: string }> {
    const last = this.lastHealth;
    const now = Date.now();
    const stillKnown = last && (last.pending || last.alive === false || this.renderer.browserConnected());
    if (last && stillKnown && now - last.at < maxAgeMs) return last.result;
    const entry: { at: number; pending: boolean; alive?: boolean; result: Promise<{ alive: boolean; error?: string }> } = { at: now, pending: true, result: Promise.resolve({ alive: false }) };
    entry.result = this.checkHealth(timeoutMs).then((r) => {
      entry.pending = false;
      entry.alive = r.alive;
      return r;
    });
    this.lastHealth = entry;
    return entry.result;
  }

  private lastHealth?: { at: number; pending: boolean; alive?: boolean; result: Promise<{ alive: boolean; error?: string }> };

  private async checkHealth(timeoutMs: number): Promise<{ alive: boolean; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.renderer.warmUp(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
      ]);
      return this.renderer.browserConnected() ? { alive: true } : { alive: false, error: 'the browser is not connected' };
    } catch (error) {
      return { alive: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.renderer.close();
  }
}
