// `npm run policy:check [-- <id> ...]`: validates the policy files of POLICY_DIR (policy/) as the
// service does at start-up, and says what production would refuse (example data not acknowledged)
// and which years of its dates still count on provisional holidays. Exit code 1 when a file is
// invalid; the problems name the file, the JSON path and the rule.
import { loadConfig } from '../config.js';
import { checkPolicies } from '../policy/check.js';

const config = loadConfig();
const ids = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let failed = false;
for (const c of checkPolicies(config.POLICY_DIR, ids.length ? ids : undefined)) {
  if (c.problems.length) {
    failed = true;
    process.stdout.write(`${c.id}: invalid\n${c.problems.map((p) => `  ${p}`).join('\n')}\n`);
    continue;
  }
  process.stdout.write(`${c.id}: valid (applicant window ${c.window!.start} to ${c.window!.end})\n`);
  if (c.examples.length) process.stdout.write(`  example data, refused in production unless acknowledged in POLICY_EXAMPLES_ACKNOWLEDGED: ${c.examples.join(', ')}\n`);
  if (c.provisionalYears.length) process.stdout.write(`  no official holiday schedule yet for ${c.provisionalYears.join(', ')}: working days there are provisional until policy/calendar/<year>.json is added\n`);
}
process.exitCode = failed ? 1 : 0;
