// The objections of the registry: the one open objection case of a certificate, and its revocation
// when an objection is upheld.
import type { Kysely } from 'kysely';
import type { CertificateRow, Certificates } from './certificates.js';
import type { Database } from './schema.js';
import { RegistryPart } from './shared.js';

export class Objections extends RegistryPart {
  constructor(
    db: Kysely<Database>,
    clock: () => Date,
    private readonly certificates: Certificates,
  ) {
    super(db, clock);
  }

  /**
   * Claims the one open objection case of a valid certificate; false when a case is open (in any
   * API process) or the certificate is revoked.
   */
  async claimObjection(code: string): Promise<boolean> {
    return this.run('objection', async () => {
      const claimed = await this.db.updateTable('certificates').set({ objection_case: 'pending' }).where('verification_code', '=', code).where('status', '=', 'valid').where('objection_case', 'is', null).returning('number').executeTakeFirst();
      return claimed !== undefined;
    });
  }

  /** The objection case of a certificate started (its instance id), or ended (null). */
  async setObjectionCase(code: string, caseId: string | null): Promise<void> {
    await this.run('objection', () => this.db.updateTable('certificates').set({ objection_case: caseId }).where('verification_code', '=', code).execute());
  }

  /** Revokes a certificate after an upheld objection; the application's state becomes revoked. */
  async revokeCertificate(code: string, revocation: Record<string, unknown>): Promise<CertificateRow | null> {
    return this.run('revocation', async () => {
      const certificate = await this.certificates.certificateByCode(code);
      if (!certificate) return null;
      if (certificate.status === 'revoked') return certificate;
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('certificates').set({ status: 'revoked', revoked_at: this.clock(), revocation: JSON.stringify(revocation), objection_case: null }).where('verification_code', '=', code).execute();
        await this.insertEvent(tx, certificate.applicationId, { kind: 'certificate-revoked', step: 'certificate-revocation', name: '撤销证书 Certificate revoked', comment: typeof revocation.finding === 'string' ? revocation.finding : null, data: { number: certificate.number } }, `revoked:${code}`);
        await tx.updateTable('applications').set({ state: 'revoked', updated_at: this.clock() }).where('id', '=', certificate.applicationId).execute();
      });
      return this.certificates.certificateByCode(code);
    });
  }
}
