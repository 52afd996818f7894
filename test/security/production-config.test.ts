// The production switch (TITLE_REVIEW_PRODUCTION=true) refuses demo settings and local secrets,
// each with the key and the rule, and a policy's example data nobody acknowledged; API_TOKENS names
// its clients.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, parseClients, ROOT } from '../../workers/config.js';
import { forClient, type CommitteeReport } from '../../workers/applications/committee-report.js';

const production = {
  TITLE_REVIEW_PRODUCTION: 'true',
  NODE_ENV: 'production',
  API_TOKENS: 'portal-a:9f3c1d2e7a6b5c4d,portal-b:1a2b3c4d5e6f7a8b',
  PAYMENT_SECRET: 'provider-secret-0123456789',
  DOCUMENT_LINK_KEY: 'link-key-0123456789',
  REVIEW_TICKET_KEY: 'ticket-key-0123456789',
  ENGINE_USER: 'title-review-service',
  ENGINE_PASSWORD: 'service-secret',
  POLICY_ID: '2024',
  // The shipped 2024 policy's example data, each acknowledged by name.
  POLICY_EXAMPLES_ACKNOWLEDGED: 'fees,committees,committee-offices,competent-departments',
};

const refusal = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe('TITLE_REVIEW_PRODUCTION=true', () => {
  it('starts with a complete production configuration', () => {
    expect(refusal(production)).toBeNull();
  });

  it.each([
    ['NODE_ENV unset', { NODE_ENV: undefined }, 'NODE_ENV: must be production when TITLE_REVIEW_PRODUCTION=true (it is unset)'],
    ['NODE_ENV=development', { NODE_ENV: 'development' }, 'NODE_ENV: must be production when TITLE_REVIEW_PRODUCTION=true (it is development)'],
    ['no API tokens', { API_TOKENS: undefined }, 'API_TOKENS: required when TITLE_REVIEW_PRODUCTION=true'],
    ['the local token', { API_TOKENS: 'local-dev-token' }, 'API_TOKENS: the local development token is refused'],
    ['no payment secret', { PAYMENT_SECRET: undefined }, 'PAYMENT_SECRET: required when TITLE_REVIEW_PRODUCTION=true'],
    ['the local payment secret', { PAYMENT_SECRET: 'local-dev-payment-secret' }, 'PAYMENT_SECRET: the local development value is refused'],
    ['the local link key', { DOCUMENT_LINK_KEY: 'local-dev-document-key' }, 'DOCUMENT_LINK_KEY: the local development value is refused'],
    ['no review ticket key', { REVIEW_TICKET_KEY: undefined }, 'REVIEW_TICKET_KEY: required when TITLE_REVIEW_PRODUCTION=true'],
    ['the local review ticket key', { REVIEW_TICKET_KEY: 'local-dev-review-ticket-key' }, 'REVIEW_TICKET_KEY: the local development value is refused'],
    ['demo users', { PROVISION_IDENTITY: 'demo' }, 'PROVISION_IDENTITY: demo users are not created'],
    ['no engine account', { ENGINE_USER: undefined }, 'ENGINE_USER: the engine account of the workers and the API is required'],
    ['the demo policy by default', { POLICY_ID: undefined }, 'POLICY_ID: required when TITLE_REVIEW_PRODUCTION=true'],
    ['the demo administrator password', { ENGINE_ADMIN_USER: 'admin', ENGINE_ADMIN_PASSWORD: 'demo' }, 'ENGINE_ADMIN_PASSWORD: must be set, and not to demo'],
    ['a deploy account without a password', { ENGINE_DEPLOY_USER: 'title-review-deployer' }, 'ENGINE_DEPLOY_PASSWORD: must be set, and not to demo'],
    ['the service account as the deploy account', { ENGINE_DEPLOY_USER: 'title-review-service', ENGINE_DEPLOY_PASSWORD: 'deploy-secret-1' }, 'ENGINE_DEPLOY_USER: must be an account of its own'],
  ])('refuses %s', (_what, change, message) => {
    expect(refusal({ ...production, ...change })).toContain(message);
  });

  it('runs the demo policy only when POLICY_ID names it', () => {
    expect(loadConfig({ ...production, POLICY_ID: 'demo' }).POLICY_ID).toBe('demo');
  });

  it('names every problem at once', () => {
    const message = refusal({ TITLE_REVIEW_PRODUCTION: 'true' })!;
    for (const key of ['NODE_ENV', 'API_TOKENS', 'PAYMENT_SECRET', 'DOCUMENT_LINK_KEY', 'ENGINE_USER', 'POLICY_ID']) expect(message).toContain(`  ${key}: `);
  });

  it('leaves local runs their defaults', () => {
    expect(loadConfig({})).toMatchObject({ API_TOKENS: ['local-dev-token'], PAYMENT_SECRET: 'local-dev-payment-secret', POLICY_ID: 'demo', POLICY_EXAMPLES_ACKNOWLEDGED: [] });
  });
});

describe('TITLE_REVIEW_PRODUCTION=true and the policy\'s example data', () => {
  it('五（四）收费标准, 三（三）, 五（三）: refuses the 2024 policy until each of its examples is acknowledged, naming every one and the setting', () => {
    const message = refusal({ ...production, POLICY_EXAMPLES_ACKNOWLEDGED: undefined })!;
    for (const name of ['fees', 'committees', 'committee-offices', 'competent-departments']) {
      expect(message).toContain(`  POLICY_EXAMPLES_ACKNOWLEDGED: policy 2024 holds example data "${name}" (`);
    }
    expect(message).toContain('"fees" (feeSchedule');
    expect(message).toContain('"competent-departments" (competentDepartments)');
    expect(message).not.toContain('"proofs"');
  });

  it.each(['fees', 'committees', 'committee-offices', 'competent-departments'])('refuses the 2024 policy with "%s" left unacknowledged, naming only it', (name) => {
    const others = production.POLICY_EXAMPLES_ACKNOWLEDGED.split(',').filter((n) => n !== name).join(',');
    const message = refusal({ ...production, POLICY_EXAMPLES_ACKNOWLEDGED: others })!;
    expect(message.split('\n').filter((l) => l.includes('POLICY_EXAMPLES_ACKNOWLEDGED'))).toEqual([expect.stringContaining(`holds example data "${name}"`)]);
  });

  it('a misspelt name acknowledges nothing and is named', () => {
    expect(refusal({ ...production, POLICY_EXAMPLES_ACKNOWLEDGED: `${production.POLICY_EXAMPLES_ACKNOWLEDGED},feez` })).toContain('POLICY_EXAMPLES_ACKNOWLEDGED: "feez" names no example data');
  });

  it('the demo policy run on purpose is checked by the data of its base policy', () => {
    expect(refusal({ ...production, POLICY_ID: 'demo', POLICY_EXAMPLES_ACKNOWLEDGED: 'fees' })).toContain('policy 2024 holds example data "committees"');
    expect(refusal({ ...production, POLICY_ID: 'demo' })).toBeNull();
  });

  it('三（四）: a policy whose example proof was added is refused until "proofs" is acknowledged; one with real data needs no acknowledgement', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-'));
    try {
      const json = JSON.parse(readFileSync(path.join(ROOT, 'policy', '2024.json'), 'utf8'));
      json.categories['rural-revitalization'].proofs = [{ kind: 'rural-talent', name: '乡村振兴人才证明材料', example: true }];
      writeFileSync(path.join(dir, '2024.json'), JSON.stringify(json));
      const env = { ...production, POLICY_DIR: dir };
      expect(refusal(env)).toContain('holds example data "proofs" (categories.rural-revitalization.proofs.0)');
      expect(refusal({ ...env, POLICY_EXAMPLES_ACKNOWLEDGED: `${production.POLICY_EXAMPLES_ACKNOWLEDGED},proofs` })).toBeNull();

      // The operator's own data: the schedule of 吉省价收〔2011〕104号, committees and departments no longer marked.
      json.categories['rural-revitalization'].proofs = [];
      json.feeSchedule = { ...json.feeSchedule, id: 'jl-2011-104', note: 'official schedule' };
      json.committees = json.committees.map((c: Record<string, unknown>) => ({ ...c, example: false, office: { ...(c.office as object), example: false } }));
      for (const key of ['feeSchedule', 'committees', 'competentDepartments']) delete json.provenance[key];
      writeFileSync(path.join(dir, 'real.json'), JSON.stringify({ ...json, id: 'real' }));
      expect(refusal({ ...env, POLICY_ID: 'real', POLICY_EXAMPLES_ACKNOWLEDGED: undefined })).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a policy that does not load is named instead of passing unchecked', () => {
    expect(refusal({ ...production, POLICY_ID: 'no-such-policy' })).toContain('POLICY_ID: policy no-such-policy of ');
  });
});

describe('API_TOKENS', () => {
  it('names a client per token; a bare token is the client "portal"', () => {
    expect(parseClients(['portal-a:9f3c1d2e7a6b5c4d', 'local-dev-token', 'b:with:colon1'])).toEqual([
      { name: 'portal-a', token: '9f3c1d2e7a6b5c4d' },
      { name: 'portal', token: 'local-dev-token' },
      { name: 'b', token: 'with:colon1' },
    ]);
  });

  it.each([
    ['a:short', 'API_TOKENS[0]: the token of client "a" must be at least 8 characters'],
    ['bad name!:0123456789', "API_TOKENS[0]: the client name must be letters, digits, '.', '_' or '-'"],
  ])('refuses %s at start-up', (entry, message) => {
    expect(refusal({ API_TOKENS: entry })).toContain(message);
  });
});

describe('the committee report for a client', () => {
  const row = (applicationId: string, name: string) => ({ applicationId, applicant: { name }, unit: { name: 'u' }, qualification: { series: 's', specialty: 'p', level: 'intermediate' }, votes: { for: 5, against: 0, abstain: 0 }, result: 'passed' as const, reportedAt: '2026-03-02T10:00:00+08:00' });
  const report: CommitteeReport = {
    committee: { id: 'c', name: 'c', session: 's', meetingDate: '2026-03-01', membersTotal: 7, membersPresent: 7, reportedOn: '2026-03-02', reportedAt: '2026-03-02T10:00:00+08:00' },
    results: [row('JL2026-AAAAAAAAAA', '张三'), row('JL2026-BBBBBBBBBB', '李四')],
  };

  it('gives only the ids of the applications the client submitted', () => {
    const seen = forClient(report, new Map([['JL2026-AAAAAAAAAA', 'portal-a'], ['JL2026-BBBBBBBBBB', 'portal-b']]), 'portal-a');
    expect(seen.results.map((r) => r.applicationId)).toEqual(['JL2026-AAAAAAAAAA', null]);
    expect(seen.results.map((r) => r.applicant.name)).toEqual(['张三', '李四']);
    expect(JSON.stringify(forClient(report, new Map(), 'portal-c'))).not.toMatch(/JL2026-/);
  });
});
