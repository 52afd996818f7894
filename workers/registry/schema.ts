// The registry's tables as Kysely types. The SQL that creates them is in migrations.ts; a test
// checks that both agree (every column of these types exists in the migrated database).
import type { ApplicationState } from '../domain/steps.js';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A timestamptz column: read as a Date, written as a Date or an ISO string. */
type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, string, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;

export interface ApplicationsTable {
  id: string;
  /** Which portal submitted it (a hash of its token), for scoping and idempotency. */
  caller: string | null;
  /** SHA-256 of year, category and ID number: the one-live-application key, without the number. */
  applicant_key: string;
  applicant_name: string;
  year: number;
  category: string;
  series: string;
  specialty: string;
  level: string;
  unit_name: string;
  unit_credit_code: string;
  division_code: string | null;
  /** starting, then the workflow states (in-review, returned, ...), then an end state: the step catalogue's. */
  state: ApplicationState;
  /** False once the application has ended; the partial unique index holds only live rows. */
  live: Generated<boolean>;
  current_step: string | null;
  current_step_name: string | null;
  current_office: string | null;
  current_since: NullableInstant;
  current_deadline: NullableInstant;
  fee_state: string | null;
  fee: NullableJson;
  route: NullableJson;
  missed_level: string | null;
  payment_deadline: NullableInstant;
  publicity_end: NullableInstant;
  committee_id: string | null;
  committee_group: string | null;
  policy_id: string;
  engine: string;
  process_instance_id: string | null;
  application: Json;
  submitted_at: Instant;
  updated_at: Instant;
  ended_at: NullableInstant;
  /** A correction claimed for delivery to the flow and not yet recorded (registry/corrections.ts). */
  correction_claim: NullableJson;
}

export interface IdempotencyKeysTable {
  key: string;
  fingerprint: string;
  application_id: string;
  created_at: Instant;
}

export interface EventsTable {
  id: Generated<string>;
  application_id: string;
  kind: string;
  at: Instant;
  step: string | null;
  step_name: string | null;
  level: string | null;
  office: string | null;
  actor: string | null;
  decision: string | null;
  reasons: NullableJson;
  comment: string | null;
  data: NullableJson;
  /** Makes a retried handler record its event once (the task id of the step that records it). */
  dedupe_key: string | null;
}

export interface PaymentsTable {
  transaction_id: string;
  application_id: string;
  amount: string;
  currency: string;
  paid_at: Instant;
  received_at: Instant;
}

/** A vote's counts and result: the same names in the votes table and in a recorded vote. */
export interface VoteCounts {
  members: number;
  present: number;
  yes: number;
  against: number | null;
  abstain: number | null;
  passed: boolean;
}

export interface VotesTable extends VoteCounts {
  id: Generated<string>;
  application_id: string;
  committee_id: string;
  meeting_date: string;
  /** The recorded meeting the vote was taken in (null for votes recorded before meetings were). */
  meeting_id: string | null;
  /** Members present who recused themselves for this applicant (null before meetings were recorded). */
  recused: number | null;
  recorded_at: Instant;
  dedupe_key: string;
}

/** A committee's meeting (评审会议), recorded once by its office; its votes name it. */
export interface CommitteeMeetingsTable {
  id: Generated<string>;
  committee_id: string;
  meeting_date: string;
  members: number;
  present: number;
  recorded_by: string;
  recorded_at: Instant;
}

/** One application's result as its committee reported it to the provincial HR department (上报结果). */
export interface CommitteeReportsTable {
  id: Generated<string>;
  application_id: string;
  committee_id: string;
  /** The meeting day of the vote reported; null for a result without a vote (初级认定). */
  meeting_date: string | null;
  vote_id: string | null;
  result: 'passed' | 'failed' | 'revoked';
  reported_at: Instant;
  /** The report task's id: a retried task reports once. */
  dedupe_key: string;
}

export interface DocumentsTable {
  application_id: string;
  name: string;
  sha256: string;
  size: number;
  file_name: string;
  store: string;
  rendered_at: NullableInstant;
}

export interface CertificateCountersTable {
  office: string;
  year: number;
  last: number;
}

export interface CertificatesTable {
  verification_code: string;
  number: string;
  application_id: string;
  kind: string;
  office: string;
  year: number;
  seq: number;
  committee_id: string | null;
  committee_group: string | null;
  status: Generated<string>;
  issued_at: Instant;
  revoked_at: NullableInstant;
  revocation: NullableJson;
  /** The open objection case (its instance id, or `pending` while it starts); one at a time. */
  objection_case: string | null;
  /** What the certificate says (holder, title, level, dates, issuer), as issued. */
  data: Json;
}

/** A step opened by a worker step, recorded once the engine took that step's completion. */
export interface PendingStepsTable {
  dedupe_key: string;
  application_id: string;
  step: Json;
  extra: Json;
  /** Opened once the task after the one that left it completes (a step between it and the wait). */
  after_next: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Instant;
}

/** An applicant's uploaded material: a client's until attached to one application. */
export interface MaterialsTable {
  id: string;
  /** Upload order. */
  seq: Generated<number>;
  caller: string;
  kind: string;
  label: string;
  file_name: string;
  content_type: string;
  bytes: number;
  sha256: string;
  pages: number | null;
  uploaded_at: Instant;
  /** When an unattached upload expires; null once attached. */
  expires_at: NullableInstant;
  application_id: string | null;
  attached_at: NullableInstant;
  /** The material that replaced this one at a correction (退回补正), and when; null while current. */
  replaced_by: ColumnType<string | null, string | null | undefined, string | null>;
  replaced_at: NullableInstant;
  /** When the bytes were deleted under the policy's retention (the row stays, for the history); null while kept. */
  deleted_at: NullableInstant;
}

/** A reviewer opened a material. */
export interface MaterialOpeningsTable {
  id: Generated<number>;
  material_id: string;
  application_id: string;
  actor: string;
  opened_at: Instant;
}

export interface Database {
  applications: ApplicationsTable;
  idempotency_keys: IdempotencyKeysTable;
  application_events: EventsTable;
  payments: PaymentsTable;
  votes: VotesTable;
  committee_meetings: CommitteeMeetingsTable;
  committee_reports: CommitteeReportsTable;
  documents: DocumentsTable;
  certificate_counters: CertificateCountersTable;
  certificates: CertificatesTable;
  pending_steps: PendingStepsTable;
  materials: MaterialsTable;
  material_openings: MaterialOpeningsTable;
}
