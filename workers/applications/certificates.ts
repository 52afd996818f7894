// Certificates: public verification by code, and objections to an issued certificate, investigated
// by the office of the committee that issued it (certificate-revocation).
import { applicationSchema } from '../domain/application.js';
import { mask } from '../domain/identifiers.js';
import { formatDateZh, formatInstantZh } from '../domain/dates-zh.js';
import { toShanghaiIso } from '../domain/time.js';
import type { ApplicationServiceDeps } from './context.js';

/** The process that investigates objections to issued certificates. */
export const REVOCATION_PROCESS = 'certificate-revocation';

export type CertificateObjectionResult =
  | { kind: 'not-found' }
  | { kind: 'conflict'; message: string }
  | { kind: 'started'; caseId: string; certificateNumber: string };

export class CertificateDesk {
  constructor(private readonly deps: ApplicationServiceDeps) {}

  /** Public verification of a certificate by its code: holder (ID masked), title, level, date, status. */
  async verifyCertificate(code: string): Promise<Record<string, unknown> | null> {
    const certificate = await this.deps.registry.certificateByCode(code);
    if (!certificate) return null;
    const row = await this.deps.registry.application(certificate.applicationId);
    const application = applicationSchema.safeParse(row?.application);
    const data = certificate.data as { title?: string; level?: string; issuedOn?: string; holder?: string };
    return {
      number: certificate.number,
      holder: { name: data.holder ?? row?.applicant_name ?? null, idNumber: application.success ? mask(application.data.applicant.idNumber) : null },
      title: data.title ?? null,
      level: data.level ?? null,
      issuedOn: data.issuedOn ?? null,
      status: certificate.status,
      ...(certificate.revokedAt ? { revokedOn: toShanghaiIso(certificate.revokedAt).slice(0, 10) } : {}),
    };
  }

  /**
   * An objection to an issued certificate: starts its investigation by the office of the committee
   * that issued it. One open case per certificate (claimed in the registry, so across API
   * processes too); a revoked certificate takes no more objections.
   */
  async objectToCertificate(code: string, objection: { reason: string; lodgedBy: string; contact?: string | null | undefined }): Promise<CertificateObjectionResult> {
    const certificate = await this.deps.registry.certificateByCode(code);
    if (!certificate) return { kind: 'not-found' };
    if (certificate.status === 'revoked') return { kind: 'conflict', message: 'this certificate is already revoked' };
    if (!(await this.deps.registry.claimObjection(code))) return { kind: 'conflict', message: 'an objection to this certificate is already under investigation' };
    try {
      if (!certificate.committeeGroup) throw new Error(`certificate ${certificate.number} names no committee office`);
      const row = await this.deps.registry.require(certificate.applicationId);
      const data = certificate.data as { issuedOn?: string; title?: string };
      const now = this.deps.clock();
      const lodgedAt = toShanghaiIso(now);
      const documents = await this.deps.registry.documents(certificate.applicationId);
      const document = documents.find((d) => d.name === (certificate.kind === 'post-appointment-notice' ? 'appointment-notice' : 'certificate'));
      const instance = await this.deps.engine.start(REVOCATION_PROCESS, certificate.number, {
        objectedCertificateCode: code,
        certificateNumber: certificate.number,
        issuedOn: data.issuedOn ?? null,
        // What the form shows: the day as people read it (2027年3月2日); issuedOn stays YYYY-MM-DD.
        issuedOnText: data.issuedOn ? formatDateZh(data.issuedOn) : null,
        applicationId: certificate.applicationId,
        applicantName: row.applicant_name,
        titleApplied: data.title ?? `${row.series} ${row.specialty}`,
        committeeGroup: certificate.committeeGroup,
        certificateLink: document && this.deps.documentLink ? this.deps.documentLink({ applicationId: certificate.applicationId, name: document.name, sha256: document.sha256, fileName: document.file_name }) : null,
        objection: { reason: objection.reason, lodgedBy: objection.lodgedBy, contact: objection.contact ?? null, lodgedAt, lodgedAtText: formatInstantZh(now) },
      });
      await this.deps.registry.setObjectionCase(code, instance.id);
      await this.deps.registry.record(certificate.applicationId, { kind: 'certificate-objection', step: 'investigate-certificate-objection', name: '证书异议 Objection to the certificate', office: certificate.committeeGroup, comment: objection.reason }, `certificate-objection:${instance.id}`);
      this.deps.log.info({ applicationId: certificate.applicationId, certificateNumber: certificate.number, processInstanceId: instance.id }, 'objection to a certificate lodged');
      return { kind: 'started', caseId: instance.id, certificateNumber: certificate.number };
    } catch (error) {
      await this.deps.registry.setObjectionCase(code, null).catch(() => undefined);
      throw error;
    }
  }
}
