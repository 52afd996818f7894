// Every item of the product specification (SPEC.md, the reading of the notice the product is built
// to) is covered by at least one test whose name cites it as `SPEC <section>[.<item>]`. This test
// reads the test files and fails, naming the item, when no test cites it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';

/** The items of SPEC.md, by section and item. */
const SPEC_ITEMS: Record<string, string> = {
  'SPEC 1': 'a plug-in: one top-level flow per category from shared subprocesses, a form for every user task, the year in policy data',
  'SPEC 2.1': '个人申报: the 一览表 and the 公示表 are generated, one printable copy each (the 公示表 at the result publicity, see README)',
  'SPEC 2.2': 'eligibility is checked automatically before anything else',
  'SPEC 2.3': '单位审核: a panel of at least three with a supervisor; freelance artists by 省文联/省作协; the unit publicity with objections',
  'SPEC 2.4': '逐级报送: each level reviews and submits to the next, each with its own deadline',
  'SPEC 2.5': '评委会审核: assignment by series, specialty and level; accept, return or reject',
  'SPEC 2.6': '缴费: exempt or payable; payment as a message; unpaid by the deadline is withdrawn',
  'SPEC 2.7': '组织评审: quorum 2/3 of members, pass at 2/3 of those present, recusals not present',
  'SPEC 2.8': '结果公示: 5 working days; an objection pauses it; upheld revokes, dismissed continues',
  'SPEC 2.9': '证书发放: the certificate with number and verification code/QR, verifiable by anyone',
  'SPEC 2.10': '上报结果: each committee reports its results to the province',
  'SPEC 2': '退回补正: every review step can return for correction naming the fields; the step\'s deadline still applies',
  'SPEC 3': 'twelve categories, each with its own flow and what differs',
  'SPEC 4': 'routing by administrative division: licence authority, bound competent departments, the route, special divisions',
  'SPEC 5': 'eligibility: cut-off, in post, excluded staff, exam series; each refusal names rule and field',
  'SPEC 6': 'time: +08:00 instants, windows and deadlines, withdrawal, 3010 months, working days; a year without the official holiday schedule counts provisionally on the statutory holidays and says so, a date past the calendar\'s range is refused',
  'SPEC 7': 'fees: the exemptions and the (example) schedule',
  'SPEC 8': 'application data: the fields, the checked ID number and credit code, masking',
  'SPEC 9': 'the HTTP API: paths, idempotency, errors, policies, answers from the product\'s own records',
};

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return testFiles(file);
    return /\.test\.ts$/.test(name) ? [file] : [];
  });
}

/** Lines that name a test or a group of tests (describe, it, test, and it.each's name line). */
const NAMING_LINE = /\b(describe|it|test)(\.each\b.*)?\(\s*['"`]|\]\)\(\s*['"`]|^\s*\)\(\s*['"`]/;

const citing = new Map<string, string[]>();
for (const file of testFiles(path.join(ROOT, 'test'))) {
  if (file === import.meta.filename) continue;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!NAMING_LINE.test(line)) continue;
    for (const match of line.matchAll(/SPEC (\d+(?:\.\d+)?)(?![.\d])/g)) {
      const item = `SPEC ${match[1]}`;
      citing.set(item, [...(citing.get(item) ?? []), path.relative(ROOT, file)]);
    }
  }
}

describe('SPEC.md: every item is covered by a test that names it', () => {
  it.each(Object.entries(SPEC_ITEMS))('%s (%s)', (item) => {
    expect({ item, citedBy: citing.get(item) ?? [] }).toEqual({ item, citedBy: expect.arrayContaining([expect.any(String)]) });
  });

  it('names no item that SPEC.md does not have', () => {
    expect([...citing.keys()].filter((item) => !(item in SPEC_ITEMS))).toEqual([]);
  });
});
