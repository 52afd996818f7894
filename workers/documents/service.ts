// The documents of the running product: one renderer (one Chromium per process), the
// content-addressed store, certificate number sequences, and signed links that let reviewers open
// a stored PDF from Tasklist or Cockpit without an API token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Metrics } from '../metrics.js';
import { issueCertificateNumber, FsSequenceAllocator, type SequenceAllocator } from './certificates.js';
import { renderToStore } from './index.js';
import { createRenderer, type Renderer } from './renderer.js';
import { FsDocumentStore, type DocumentRef, type DocumentStore } from './store.js';

export interface DocumentServiceOptions {
  /** Folder of the filesystem document store. */
  storeDir: string;
  /** Folder of the certificate number sequences. */
  sequenceDir: string;
  /** Chromium binary. */
  chromiumPath: string;
  /** Public base URL of the API: verification links on certificates and signed document links. */
  baseUrl: string;
  /** Key of the document links' signatures. */
  linkKey: string;
  metrics?: Metrics;
  /** Another renderer (tests). */
  renderer?: Renderer;
  store?: DocumentStore;
  allocator?: SequenceAllocator;
}

/** A stored document as process variables carry it, with its signed link. */
export interface StoredDocumentVar extends DocumentRef {
  /** When it was rendered (ISO instant). */
  renderedAt: string;
  /** Opens the PDF without a token (for reviewers in Tasklist and Cockpit). */
  link: string;
}

const SIGNATURE_LENGTH = 32;

export class DocumentService {
  readonly renderer: Renderer;
  readonly store: DocumentStore;
  readonly allocator: SequenceAllocator;
  private readonly baseUrl: string;

  constructor(private readonly options: DocumentServiceOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.renderer = options.renderer ?? createRenderer({ executablePath: options.chromiumPath, baseUrl: this.baseUrl });
    this.store = options.store ?? new FsDocumentStore(options.storeDir);
    this.allocator = options.allocator ?? new FsSequenceAllocator(options.sequenceDir);
  }

  /** Renders `template` with `data` once (a retry answers the same document) and signs its link. */
  async render(template: string, data: object, renderedAt: Date): Promise<StoredDocumentVar> {
    const ref = await renderToStore({ renderer: this.renderer, store: this.store }, template, data);
    this.options.metrics?.documents.inc({ template });
    return { ...ref, renderedAt: renderedAt.toISOString(), link: this.link(ref) };
  }

  /** The next certificate number of a year and issuing office; the same owner gets the same number. */
  certificateNumber(year: number, office: string, owner: string): Promise<string> {
    return issueCertificateNumber(this.allocator, year, office, owner);
  }

  /** `<base>/documents/<sha256>/<file name>?sig=...`: opens one stored document, nothing else. */
  link(ref: Pick<DocumentRef, 'sha256' | 'fileName'>): string {
    return `${this.baseUrl}/documents/${ref.sha256}/${encodeURIComponent(ref.fileName)}?sig=${this.signature(ref.sha256)}`;
  }

  /** Whether `sig` is the signature of the document `sha256` (constant time). */
  verify(sha256: string, sig: unknown): boolean {
    if (typeof sig !== 'string' || sig.length !== SIGNATURE_LENGTH) return false;
    return timingSafeEqual(Buffer.from(sig), Buffer.from(this.signature(sha256)));
  }

  private signature(sha256: string): string {
    return createHmac('sha256', this.options.linkKey).update(`document:${sha256}`).digest('base64url').slice(0, SIGNATURE_LENGTH);
  }

  /** The browser answers (it is started if it was not yet): for /healthz. */
  async health(timeoutMs = 15_000): Promise<{ alive: boolean; error?: string }> {
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
