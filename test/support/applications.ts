// The SPEC's example application (test/fixtures/application-regular.json) as live submissions send
// it: no submittedAt (the server dates them), and a new applicant each time (one live application
// per applicant, year and category).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { randomResidentId } from './ids.js';

export const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8'));
delete fixture.submittedAt;

/** The fixture for a new applicant. */
export const newApplication = () => ({ ...fixture, applicant: { ...fixture.applicant, idNumber: randomResidentId() } });

/** The bearer token of the local portal client in the test service, with the JSON content type. */
export const portalAuth = { authorization: 'Bearer local-dev-token', 'content-type': 'application/json' };
