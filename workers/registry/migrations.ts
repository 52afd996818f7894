// Versioned migrations of the registry, run at start-up by Kysely's Migrator (which records them
// in kysely_migration and takes a lock, so two processes starting at once migrate once). The
// same SQL runs on PostgreSQL and on PGlite. Never edit a migration that has shipped: add one.
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE applications (
        id text PRIMARY KEY,
        caller text,
        applicant_key text NOT NULL,
        applicant_name text NOT NULL,
        year integer NOT NULL,
        category text NOT NULL,
        series text NOT NULL,
        specialty text NOT NULL,
        level text NOT NULL,
        unit_name text NOT NULL,
        unit_credit_code text NOT NULL,
        division_code text,
        state text NOT NULL,
        live boolean NOT NULL DEFAULT true,
        current_step text,
        current_step_name text,
        current_office text,
        current_since timestamptz,
        current_deadline timestamptz,
        fee_state text,
        fee jsonb,
        route jsonb,
        missed_level text,
        payment_deadline timestamptz,
        publicity_end timestamptz,
        committee_id text,
        committee_group text,
        policy_id text NOT NULL,
        engine text NOT NULL,
        process_instance_id text,
        application jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        ended_at timestamptz
      )`.execute(db);
    // One live application per applicant, year and category: a fact of the database, whichever
    // API process inserts, not a lock inside one of them.
    await sql`CREATE UNIQUE INDEX applications_one_live ON applications (applicant_key, year, category) WHERE live`.execute(db);
    await sql`CREATE INDEX applications_state ON applications (state) WHERE live`.execute(db);
    await sql`CREATE INDEX applications_office ON applications (current_office) WHERE live`.execute(db);
    await sql`
      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        fingerprint text NOT NULL,
        application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE application_events (
        id bigserial PRIMARY KEY,
        application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        step text,
        step_name text,
        level text,
        office text,
        actor text,
        decision text,
        reasons jsonb,
        comment text,
        data jsonb,
        dedupe_key text UNIQUE
      )`.execute(db);
    await sql`CREATE INDEX application_events_by_application ON application_events (application_id, id)`.execute(db);
    await sql`
      CREATE TABLE payments (
        transaction_id text PRIMARY KEY,
        application_id text NOT NULL REFERENCES applications (id),
        amount numeric(12, 2) NOT NULL,
        currency text NOT NULL,
        paid_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE votes (
        id bigserial PRIMARY KEY,
        application_id text NOT NULL REFERENCES applications (id),
        committee_id text NOT NULL,
        meeting_date date NOT NULL,
        members integer NOT NULL,
        present integer NOT NULL,
        yes integer NOT NULL,
        against integer,
        abstain integer,
        passed boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        dedupe_key text NOT NULL UNIQUE
      )`.execute(db);
    await sql`CREATE INDEX votes_by_meeting ON votes (committee_id, meeting_date)`.execute(db);
    await sql`
      CREATE TABLE documents (
        application_id text NOT NULL REFERENCES applications (id),
        name text NOT NULL,
        sha256 text NOT NULL,
        size integer NOT NULL,
        file_name text NOT NULL,
        store text NOT NULL,
        rendered_at timestamptz,
        PRIMARY KEY (application_id, name)
      )`.execute(db);
    await sql`
      CREATE TABLE certificate_counters (
        office text NOT NULL,
        year integer NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (office, year)
      )`.execute(db);
    await sql`
      CREATE TABLE certificates (
        verification_code text PRIMARY KEY,
        number text NOT NULL UNIQUE,
        application_id text NOT NULL REFERENCES applications (id),
        kind text NOT NULL,
        office text NOT NULL,
        year integer NOT NULL,
        seq integer NOT NULL,
        committee_id text,
        committee_group text,
        status text NOT NULL DEFAULT 'valid',
        issued_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revocation jsonb,
        objection_case text,
        data jsonb NOT NULL,
        UNIQUE (application_id, kind),
        UNIQUE (office, year, seq)
      )`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['certificates', 'certificate_counters', 'documents', 'votes', 'payments', 'application_events', 'idempotency_keys', 'applications']) {
      await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
    }
  },
};

// Offices' lists: what waits at an office by deadline, and what passed through it (its events).
const officeLists: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX applications_office_deadline ON applications (current_office, current_deadline, id) WHERE live`.execute(db);
    await sql`CREATE INDEX application_events_by_office ON application_events (office, application_id) WHERE office IS NOT NULL`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP INDEX IF EXISTS application_events_by_office`.execute(db);
    await sql`DROP INDEX IF EXISTS applications_office_deadline`.execute(db);
  },
};

// The result report (SPEC 2.10, notice 三（八）): what each committee reported to the provincial HR
// department, one row per application's result, written by the flows' report step. A row of a vote
// names its meeting day and the vote it reports; a result without a vote (初级认定) has neither.
// Before this table, the report of a meeting day was every vote of that day: so that those reports
// keep their rows, each application already reported (its `reported` event), and each that ended
// failed or revoked after its vote (its `ended` event), is recorded as reported at that event.
const committeeReports: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE committee_reports (
        id bigserial PRIMARY KEY,
        application_id text NOT NULL REFERENCES applications (id),
        committee_id text NOT NULL,
        meeting_date date,
        vote_id bigint REFERENCES votes (id),
        result text NOT NULL CHECK (result IN ('passed', 'failed', 'revoked')),
        reported_at timestamptz NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        CHECK ((meeting_date IS NULL) = (vote_id IS NULL))
      )`.execute(db);
    await sql`CREATE INDEX committee_reports_by_meeting ON committee_reports (committee_id, meeting_date, id)`.execute(db);
    await sql`
      INSERT INTO committee_reports (application_id, committee_id, meeting_date, vote_id, result, reported_at, dedupe_key)
      SELECT e.application_id, COALESCE(v.committee_id, a.committee_id), v.meeting_date, v.id,
             CASE WHEN e.kind = 'reported' AND e.decision IS DISTINCT FROM 'failed' THEN 'passed' ELSE e.decision END,
             e.at, COALESCE(e.dedupe_key, 'event:' || e.id)
      FROM application_events e
      JOIN applications a ON a.id = e.application_id
      LEFT JOIN LATERAL (SELECT id, committee_id, meeting_date FROM votes WHERE application_id = e.application_id ORDER BY id DESC LIMIT 1) v ON true
      WHERE (e.kind = 'reported' OR (e.kind = 'ended' AND e.decision IN ('failed', 'revoked') AND v.id IS NOT NULL))
        AND COALESCE(v.committee_id, a.committee_id) IS NOT NULL
      ORDER BY e.id
      ON CONFLICT (dedupe_key) DO NOTHING`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE IF EXISTS committee_reports`.execute(db);
  },
};

// An applicant's correction is claimed, delivered to the flow outside any transaction, then
// recorded (registry/corrections.ts): the claim waits in a column of the application meanwhile.
const correctionClaims: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE applications ADD COLUMN correction_claim jsonb`.execute(db);
    await sql`CREATE INDEX applications_correction_claims ON applications (id) WHERE correction_claim IS NOT NULL`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP INDEX IF EXISTS applications_correction_claims`.execute(db);
    await sql`ALTER TABLE applications DROP COLUMN IF EXISTS correction_claim`.execute(db);
  },
};

// A wait the flow stands in (a correction, a payment, a publicity) is recorded once the engine took
// the completion of the step before it; until then it waits here (registry/pending-steps.ts).
const pendingSteps: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE pending_steps (
        dedupe_key text PRIMARY KEY,
        application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        step jsonb NOT NULL,
        extra jsonb NOT NULL,
        after_next boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX pending_steps_created ON pending_steps (created_at)`.execute(db);
    await sql`CREATE INDEX pending_steps_after_next ON pending_steps (application_id) WHERE after_next`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE IF EXISTS pending_steps`.execute(db);
  },
};

// Applicants' electronic materials: each upload of a client, attached to one application at its
// submission; an upload left unattached expires (registry/materials.ts).
const materials: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE materials (
        id text PRIMARY KEY,
        seq integer GENERATED ALWAYS AS IDENTITY,
        caller text NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        bytes integer NOT NULL,
        sha256 text NOT NULL,
        pages integer,
        uploaded_at timestamptz NOT NULL,
        expires_at timestamptz,
        application_id text REFERENCES applications (id) ON DELETE CASCADE,
        attached_at timestamptz
      )`.execute(db);
    await sql`CREATE INDEX materials_application ON materials (application_id)`.execute(db);
    await sql`CREATE INDEX materials_unattached ON materials (expires_at) WHERE application_id IS NULL`.execute(db);
    await sql`CREATE INDEX materials_sha256 ON materials (sha256)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE IF EXISTS materials`.execute(db);
  },
};

// Every opening of a material by a reviewer: who, when, which (personal data is read on record).
const materialOpenings: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE material_openings (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        material_id text NOT NULL REFERENCES materials (id) ON DELETE CASCADE,
        application_id text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        actor text NOT NULL,
        opened_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX material_openings_application ON material_openings (application_id)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE IF EXISTS material_openings`.execute(db);
  },
};

// The materials of a withdrawn or refused application are deleted after the policy's retention
// (registry/materials.ts): the row stays, marked, so that the history, the status and the openings
// still name what was carried and when it went; the bytes go.
const materialDeletions: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE materials ADD COLUMN deleted_at timestamptz`.execute(db);
    // The sweep reads ended applications by state and end.
    await sql`CREATE INDEX applications_ended ON applications (state, ended_at) WHERE NOT live`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP INDEX IF EXISTS applications_ended`.execute(db);
    await sql`ALTER TABLE materials DROP COLUMN IF EXISTS deleted_at`.execute(db);
  },
};

// A correction may replace an application's materials (退回补正): the replaced one stays, naming the
// material that replaced it and when, so the history keeps which file was replaced by which.
const materialReplacements: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE materials ADD COLUMN replaced_by text REFERENCES materials (id), ADD COLUMN replaced_at timestamptz`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`ALTER TABLE materials DROP COLUMN IF EXISTS replaced_by, DROP COLUMN IF EXISTS replaced_at`.execute(db);
  },
};

// A committee records each meeting once (评审会议: day, members, those present, the quorum checked)
// and votes on its applicants in it: a vote names its meeting and the members who recused themselves
// for that applicant.
const committeeMeetings: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE committee_meetings (
        id bigserial PRIMARY KEY,
        committee_id text NOT NULL,
        meeting_date date NOT NULL,
        members integer NOT NULL CHECK (members >= 1),
        present integer NOT NULL CHECK (present >= 0 AND present <= members),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (committee_id, meeting_date)
      )`.execute(db);
    await sql`ALTER TABLE votes ADD COLUMN meeting_id bigint REFERENCES committee_meetings (id), ADD COLUMN recused integer`.execute(db);
    // A meeting's page counts its votes.
    await sql`CREATE INDEX votes_by_meeting_id ON votes (meeting_id) WHERE meeting_id IS NOT NULL`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`ALTER TABLE votes DROP COLUMN IF EXISTS meeting_id, DROP COLUMN IF EXISTS recused`.execute(db);
    await sql`DROP TABLE IF EXISTS committee_meetings`.execute(db);
  },
};

/** Every migration, by name; names sort in the order they run. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-office-lists': officeLists,
  '0003-committee-reports': committeeReports,
  '0004-correction-claims': correctionClaims,
  '0005-pending-steps': pendingSteps,
  '0006-materials': materials,
  '0007-material-openings': materialOpenings,
  '0008-material-deletions': materialDeletions,
  '0009-material-replacements': materialReplacements,
  '0010-committee-meetings': committeeMeetings,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
