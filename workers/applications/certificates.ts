// Certificates: public verification by code, and objections to an issued certificate, investigated
// by the office of the committee that issued it (certificate-revocation).
import { applicationSchema } from '../domain/application.js';
import { mask, maskName } from '../domain/identifiers.js';
import { formatDateZh, formatInstantZh } from '../domain/dates-zh.js';
import { toShanghaiIso } from '../domain/time.js';
import { gradeLabelOf, titleNameOf } from '../rules/index.js';
import { policyOf, type ApplicationServiceDeps } from './context.js';

/** The process that investigates objections to issued certificates. */
export const REVOCATION_PROCESS = 'certificate-revocation';

export type CertificateObjectionResult =
  | { kind: 'not-found' }
  | { kind: 'conflict'; message: string }
  | { kind: 'started'; caseId: string; certificateNumber: string };

/**
 * What the public verification page shows of a certificate: no identifier, the holder's name
 * masked (王*堃), labels and dates as a person reads them.
 */
export interface CertificateCheck {
  status: 'valid' | 'revoked';
  kind: 'certificate' | 'post-appointment-notice';
  number: string;
  holder: string;
  titleName: string | null;
  series: string | null;
  specialty: string | null;
  levelLabel: string | null;
  /** 专业技术二级岗位, for the result notice of post-grade-2-3. */
  post: string | null;
  committee: string | null;
  issuer: string | null;
  issuedOn: string | null;
  revokedOn: string | null;
}

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

  /** The public verification page's view of a certificate by its code (null when none has it). */
  async certificateCheck(code: string): Promise<CertificateCheck | null> {
    const certificate = await this.deps.registry.certificateByCode(code);
    if (!certificate) return null;
    const row = await this.deps.registry.application(certificate.applicationId);
    const parsed = applicationSchema.safeParse(row?.application);
    const application = parsed.success ? parsed.data : null;
    const policy = row ? policyOf(this.deps.policies, row) : null;
    const data = certificate.data as { holder?: string; titleName?: string; issuer?: string; issuedOn?: string };
    const q = application?.qualification ?? null;
    const notice = certificate.kind === 'post-appointment-notice';
    const day = (value: string | Date | null | undefined) => {
      try {
        return value ? formatDateZh(value) : null;
      } catch {
        return null;
      }
    };
    return {
      status: certificate.status,
      kind: notice ? 'post-appointment-notice' : 'certificate',
      number: certificate.number,
      holder: maskName(data.holder ?? row?.applicant_name ?? ''),
      // The title from the policy's names, as the certificate prints it (工程师, not 工程系列中级).
      titleName: notice ? null : q && policy ? titleNameOf(policy.titleNames, q).name : (data.titleName ?? null),
      series: q?.series ?? row?.series ?? null,
      specialty: q?.specialty ?? row?.specialty ?? null,
      levelLabel: notice ? null : q ? gradeLabelOf(q) : null,
      post: notice && q?.postGrade ? `专业技术${q.postGrade === 2 ? '二' : '三'}级岗位` : null,
      committee: policy?.committees.find((c) => c.id === certificate.committeeId)?.name ?? null,
      issuer: data.issuer ?? null,
      issuedOn: day(data.issuedOn),
      revokedOn: certificate.revokedAt ? day(certificate.revokedAt) : null,
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
