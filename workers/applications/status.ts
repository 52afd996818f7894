// The status of an application, projected from the registry alone: its state, the step it waits
// in, why it was withdrawn, what a return asks to correct, its certificate, history, documents and
// whom to ask. Data only: the HTTP layer adds the API's links (workers/http/application-links.ts).
import { unitGroup } from '../domain/offices.js';
import { documentTitle } from '../documents/templates.js';
import { applicationDownloadName } from '../documents/download-names.js';
import { ROUTE_LEVEL_OFFICES } from '../domain/application.js';
import { labelled } from '../domain/corrections.js';
import { formatInstantZh } from '../domain/dates-zh.js';
import { toShanghaiIso } from '../domain/time.js';
import { officeGroups } from '../adapters/camunda7/identity.js';
import { provisionalMark, stepDeadlineFacts, type ApplicationRow } from '../registry/registry.js';
import { statusContacts, type Policy } from '../rules/index.js';
import { MATERIALS_DELETED_LABEL } from '../rules/materials.js';
import { policyOf, submittedBy, type ApplicationServiceDeps } from './context.js';
import { returnOf, type ReturnEvents } from './returns.js';

/** A document of an application: what the registry knows of it (the HTTP layer adds its link). */
export interface ApplicationDocument {
  name: string;
  title: string;
  fileName: string;
  sha256: string;
  size: number;
  renderedAt: string | null;
}

/** What a returned application's status says: who returned it, why, what to correct, by when. */
export interface CorrectionAsked {
  returnedBy: { level: string | null; office: string | null; name: string | null } | null;
  returnedAt: string | null;
  reasons: string[];
  fields: Array<ReturnType<typeof labelled>>;
  /** The kinds of electronic materials the applicant may upload anew (each replaces the one of its kind). */
  materials: Array<{ kind: string; label: string }>;
  deadline: string | null;
}

/** The status of an application, in the order of the API's answer. */
export interface ApplicationStatus {
  id: string;
  processInstanceId: string | null;
  category: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  missedLevel: string | null;
  withdrawal: ReturnType<typeof withdrawalOf>;
  currentSteps: ReturnType<typeof currentSteps>;
  route: unknown;
  fee: unknown;
  feeState: string | null;
  paymentDeadline: string | null;
  publicityEnd: string | null;
  correction: CorrectionAsked | null;
  certificate: { number: string; verificationCode: string; status: string; revokedAt?: string } | null;
  history: Array<Record<string, unknown>>;
  documents: ApplicationDocument[];
  /** The electronic materials the application carries (三（一）). */
  materials: Array<{ id: string; kind: string; label: string; fileName: string; bytes: number; sha256: string; deleted?: { at: string; reason: string } }>;
  contacts: ReturnType<typeof statusContacts>;
}

export class StatusProjection {
  private readonly names = new Map<Policy, Map<string, string>>();

  constructor(private readonly deps: ApplicationServiceDeps) {}

  /**
   * The status of an application from the registry, or null when the id is unknown, or when
   * `client` is given and did not submit it (another portal's application does not exist for it).
   */
  async status(id: string, client?: string): Promise<ApplicationStatus | null> {
    const [row, events, documents, certificate, materials] = await Promise.all([
      this.deps.registry.application(id),
      this.deps.registry.events(id),
      this.deps.registry.documents(id),
      this.deps.registry.certificateOf(id),
      this.deps.registry.materialsOf(id),
    ]);
    if (!row || !submittedBy(row, client)) return null;
    return {
      id,
      processInstanceId: row.process_instance_id,
      category: row.category,
      status: row.state === 'starting' ? 'accepted' : row.state,
      startedAt: toShanghaiIso(row.submitted_at),
      endedAt: row.ended_at ? toShanghaiIso(row.ended_at) : null,
      missedLevel: row.missed_level,
      withdrawal: withdrawalOf(row, events),
      currentSteps: currentSteps(row, events),
      route: row.route ?? null,
      fee: row.fee ?? null,
      feeState: row.fee_state,
      paymentDeadline: row.payment_deadline ? toShanghaiIso(row.payment_deadline) : null,
      publicityEnd: row.publicity_end ? toShanghaiIso(row.publicity_end) : null,
      correction: row.state === 'returned' ? correctionAsked(row, events, policyOf(this.deps.policies, row)) : null,
      certificate: certificate ? { number: certificate.number, verificationCode: certificate.verificationCode, status: certificate.status, ...(certificate.revokedAt ? { revokedAt: toShanghaiIso(certificate.revokedAt) } : {}) } : null,
      history: events.map((e) => ({
        event: e.kind,
        step: e.step,
        name: e.step_name,
        at: toShanghaiIso(e.at),
        level: e.level,
        office: e.office,
        by: e.actor,
        decision: e.decision,
        reasons: e.reasons ?? null,
        comment: e.comment,
        ...(Array.isArray((e.data as { fields?: unknown } | null)?.fields) ? { fields: (e.data as { fields: string[] }).fields } : {}),
        // A return's material kinds; a correction's new uploads and what each replaced.
        ...(Array.isArray((e.data as { materials?: unknown } | null)?.materials) ? { materials: (e.data as { materials: unknown[] }).materials } : {}),
        ...(e.kind === 'step-opened' && (e.data as { deadline?: string } | null)?.deadline ? { deadline: toShanghaiIso(new Date((e.data as { deadline: string }).deadline)) } : {}),
        ...(e.kind === 'step-opened' && (e.data as { warning?: string } | null)?.warning ? { warning: (e.data as { warning: string }).warning } : {}),
      })),
      documents: documents.map((d) => documentOf(d, row)),
      // A material deleted under the retention rule is still named, with when it went.
      materials: materials.map((m) => ({ id: m.id, kind: m.kind, label: m.label, fileName: m.file_name, bytes: m.bytes, sha256: m.sha256, ...(m.deleted_at ? { deleted: { at: toShanghaiIso(m.deleted_at), reason: MATERIALS_DELETED_LABEL } } : {}) })),
      contacts: this.contacts(row),
    };
  }

  /** The documents made for an application so far, or null when the id is unknown (or not `client`'s). */
  async documents(id: string, client?: string): Promise<ApplicationDocument[] | null> {
    const row = await this.deps.registry.application(id);
    if (!row || !submittedBy(row, client)) return null;
    return (await this.deps.registry.documents(id)).map((d) => documentOf(d, row));
  }

  /**
   * Who to ask about the application (notice 五（五）政策咨询): the office handling its current step,
   * with that office's numbers where the policy has them, and the notice's consultation lines.
   */
  private contacts(row: ApplicationRow) {
    const policy = policyOf(this.deps.policies, row);
    const group = row.live ? row.current_office : null;
    if (!group) return statusContacts(policy, null);
    const name = group === unitGroup(row.unit_credit_code) ? row.unit_name : (this.officeNames(policy).get(group) ?? null);
    return statusContacts(policy, { group, name });
  }

  /** Office names by engine group, as the engine's identity has them. */
  private officeNames(policy: Policy): Map<string, string> {
    let names = this.names.get(policy);
    if (!names) this.names.set(policy, (names = new Map(officeGroups(policy).map((g) => [g.id, g.name]))));
    return names;
  }
}

/** What a returned application's status says: who returned it, why, what to correct, by when. */
function correctionAsked(row: ApplicationRow, events: ReturnEvents, policy: Policy): CorrectionAsked {
  const r = returnOf(events);
  return {
    returnedBy: r ? { level: r.level, office: r.office, name: r.stepName } : null,
    returnedAt: r ? toShanghaiIso(r.at) : null,
    reasons: r?.reasons ?? [],
    fields: (r?.fields ?? []).map(labelled),
    materials: (r?.materials ?? []).map((kind) => ({ kind, label: policy.materials.kinds[kind]?.label ?? kind })),
    deadline: row.current_deadline ? toShanghaiIso(row.current_deadline) : null,
  };
}

/**
 * Why a withdrawn application was withdrawn: the level that missed the notice's deadline, and that
 * deadline (四（二）, 四（五）: 逾期视为放弃).
 */
function withdrawalOf(row: ApplicationRow, events: ReadonlyArray<{ kind: string; data: unknown }>) {
  if (row.state !== 'withdrawn' || !row.missed_level) return null;
  const ended = [...events].reverse().find((e) => e.kind === 'ended');
  if (row.missed_level === 'payment') {
    // The payment's deadline is the payment notice's (三（四） 缴费方式另行通知), not the review timetable's.
    const due = row.payment_deadline ? toShanghaiIso(row.payment_deadline) : null;
    return { level: 'payment', deadline: due, reason: `申报人未在缴费截止时间${due ? `（${formatInstantZh(due)}）` : ''}前缴费，视为放弃` };
  }
  const deadline = (ended?.data as { missedDeadline?: string } | null)?.missedDeadline ?? null;
  const by = ROUTE_LEVEL_OFFICES[row.missed_level as keyof typeof ROUTE_LEVEL_OFFICES] ?? row.missed_level;
  const when = deadline ? `通知规定的截止时间（${formatInstantZh(deadline)}）` : '通知规定的截止时间';
  return { level: row.missed_level, deadline, reason: `${by}未在${when}前完成，视为放弃` };
}

/** The step an application waits in, as the status lists it. */
function currentSteps(row: ApplicationRow, events: ReadonlyArray<{ kind: string; step: string | null; data: unknown }>) {
  if (!row.live || !row.current_step) return [];
  const facts = stepDeadlineFacts(events, row.current_step);
  const warning = facts?.warning;
  return [{
    step: row.current_step,
    name: row.current_step_name,
    offices: row.current_office ? [row.current_office] : [],
    since: row.current_since ? toShanghaiIso(row.current_since) : null,
    deadline: row.current_deadline ? toShanghaiIso(row.current_deadline) : null,
    ...(warning ? { warning } : {}),
    ...provisionalMark(facts),
  }];
}

/** A document of an application, as the registry records it. */
/** A document as the status lists it, named as it downloads: 一览表-王䶮堃-JL2026-ABCDEFGHJK.pdf. */
function documentOf(d: { name: string; sha256: string; size: number; rendered_at: Date | null }, row: Pick<ApplicationRow, 'id' | 'applicant_name'>): ApplicationDocument {
  const fileName = applicationDownloadName(d.name, row.applicant_name, row.id).fileName;
  return { name: d.name, title: documentTitle(d.name), fileName, sha256: d.sha256, size: d.size, renderedAt: d.rendered_at ? toShanghaiIso(d.rendered_at) : null };
}
