// The certificates of the registry: each application's certificate issued once, numbered without
// gaps per office and year, and found by application or verification code.
import { sql, type Selectable } from 'kysely';
import type { Database } from './schema.js';
import { RegistryPart, uniqueViolation } from './shared.js';

export interface CertificateRow {
  verificationCode: string;
  number: string;
  applicationId: string;
  kind: string;
  committeeId: string | null;
  committeeGroup: string | null;
  status: 'valid' | 'revoked';
  issuedAt: Date;
  revokedAt: Date | null;
  revocation: unknown;
  data: Record<string, unknown>;
}

export interface CertificateRequest {
  applicationId: string;
  kind: string;
  office: string;
  year: number;
  committeeId: string | null;
  committeeGroup: string | null;
  /** Builds the certificate's text from its number and a fresh verification code. */
  make: (number: { office: string; year: number; seq: number }) => { number: string; verificationCode: string; data: Record<string, unknown> };
}

/** The certificate of a row of the certificates table. */
function toCertificate(row: Selectable<Database['certificates']>): CertificateRow {
  return {
    verificationCode: row.verification_code,
    number: row.number,
    applicationId: row.application_id,
    kind: row.kind,
    committeeId: row.committee_id,
    committeeGroup: row.committee_group,
    status: row.status === 'revoked' ? 'revoked' : 'valid',
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    revocation: row.revocation,
    data: row.data as Record<string, unknown>,
  };
}

export class Certificates extends RegistryPart {
  /**
   * Issues the certificate of an application once: a retry gets the same one back. Its number is
   * the next of a counter row per office and year, taken in the same transaction as the
   * certificate, so numbers have no gaps and no two certificates share one.
   */
  async issueCertificate(r: CertificateRequest): Promise<CertificateRow> {
    return this.run('certificate', async () => {
      const existing = await this.certificateOf(r.applicationId, r.kind);
      if (existing) return existing;
      try {
        await this.db.transaction().execute(async (tx) => {
          const counter = await tx
            .insertInto('certificate_counters')
            .values({ office: r.office, year: r.year, last: 1 })
            .onConflict((oc) => oc.columns(['office', 'year']).doUpdateSet({ last: sql`certificate_counters.last + 1` }))
            .returning('last')
            .executeTakeFirstOrThrow();
          const made = r.make({ office: r.office, year: r.year, seq: counter.last });
          await tx
            .insertInto('certificates')
            .values({
              verification_code: made.verificationCode,
              number: made.number,
              application_id: r.applicationId,
              kind: r.kind,
              office: r.office,
              year: r.year,
              seq: counter.last,
              committee_id: r.committeeId,
              committee_group: r.committeeGroup,
              issued_at: this.clock(),
              data: JSON.stringify(made.data),
            })
            .execute();
          await this.insertEvent(tx, r.applicationId, { kind: 'certificate', step: r.kind, name: '证书发放 Certificate issued', data: { number: made.number } }, `certificate:${r.applicationId}:${r.kind}`);
        });
      } catch (error) {
        // Another worker issued it at the same moment: theirs stands.
        if (!uniqueViolation(error)) throw error;
      }
      const issued = await this.certificateOf(r.applicationId, r.kind);
      if (!issued) throw new Error(`certificate of ${r.applicationId} was not recorded`);
      return issued;
    });
  }

  async certificateOf(applicationId: string, kind?: string): Promise<CertificateRow | null> {
    return this.run('certificate', async () => {
      let q = this.db.selectFrom('certificates').selectAll().where('application_id', '=', applicationId);
      if (kind) q = q.where('kind', '=', kind);
      const row = await q.orderBy('issued_at', 'desc').executeTakeFirst();
      return row ? toCertificate(row) : null;
    });
  }

  async certificateByCode(code: string): Promise<CertificateRow | null> {
    return this.run('certificate', async () => {
      const row = await this.db.selectFrom('certificates').selectAll().where('verification_code', '=', code).executeTakeFirst();
      return row ? toCertificate(row) : null;
    });
  }
}
