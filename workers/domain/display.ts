// What tells review tasks apart in Tasklist and the status: names, the title applied for, the ID
// number masked. Set by check-eligibility and again by a correction.
import { LEVEL_LABELS, type Application } from './application.js';
import { mask } from './identifiers.js';

export function displayVariables(application: Application) {
  const q = application.qualification;
  return {
    applicantName: application.applicant.name,
    maskedIdNumber: mask(application.applicant.idNumber),
    unitName: application.unit.name,
    titleApplied: `${q.series} · ${q.specialty} · ${LEVEL_LABELS[q.level]}`,
  };
}
