// The twelve top-level diagrams are the analysts' files, one per category, and run the same flow:
// what may differ between them is stated here (ids of the process, names, documentation, and the
// elements of a category's own steps); anything else that differs from title-regular.bpmn is drift.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { diagramShape } from '../support/diagram-shape.js';

const BPMN = path.join(ROOT, 'bpmn');
const REFERENCE = 'title-regular.bpmn';

/** A category's own steps: the elements it adds, those it leaves out, and those it reconnects. */
interface OwnSteps {
  why: string;
  /** Input parameters of its steps whose values are the category's own (what is verified). */
  ownParameters?: string[];
  diagrams: string[];
  adds: string[];
  removes: string[];
  changes: string[];
}

const OWN: OwnSteps[] = [
  {
    why: '核验机关分流文件: the transferring office\'s documents are verified by 省人社厅 before the committee (notice 二（四）, 二（五）, 二（七）, 二（九））',
    diagrams: ['title-agency-transfer.bpmn', 'title-dual-track.bpmn', 'title-grassroots-postgrad.bpmn', 'title-military-transfer.bpmn', 'title-talent-incentive.bpmn'],
    ownParameters: ['extraVerification'],
    adds: ['verify-documents', 'record-verification', 'record-verification-in', 'verified', 'rejected-verification', 't-to-verify', 't-verify', 't-not-verified'],
    removes: [],
    changes: ['t-to-committee'],
  },
  {
    why: '岗位等级: a post grade ends in an appointment notice, not a title certificate',
    diagrams: ['title-post-grade-2-3.bpmn'],
    adds: ['issue-appointment-notice', 'render-appointment-notice', 'appointed'],
    removes: ['issue-certificate', 'render-certificate', 'certified'],
    changes: [],
  },
];

interface Drift {
  own: string[];
  missing: string[];
  differ: string[];
}

async function driftOf(file: string, reference: Map<string, string>): Promise<Drift> {
  const shape = await diagramShape(file);
  return {
    own: [...shape.keys()].filter((k) => !reference.has(k)).sort(),
    missing: [...reference.keys()].filter((k) => !shape.has(k)).sort(),
    differ: [...shape.keys()].filter((k) => reference.has(k) && reference.get(k) !== shape.get(k)).sort(),
  };
}

const topLevel = readdirSync(BPMN).filter((f) => /^title-.*\.bpmn$/.test(f)).sort();

describe('the top-level diagrams do not drift apart', () => {
  it('there are twelve, one per category, and each is the reference or a category named here', () => {
    expect(topLevel).toHaveLength(12);
    for (const own of OWN) for (const d of own.diagrams) expect(topLevel).toContain(d);
  });

  it.each(topLevel.filter((f) => f !== REFERENCE))('%s differs from title-regular.bpmn only in its own steps', async (file) => {
    const reference = await diagramShape(path.join(BPMN, REFERENCE));
    const own = OWN.filter((o) => o.diagrams.includes(file));
    const expected: Drift = {
      own: own.flatMap((o) => o.adds).sort(),
      missing: own.flatMap((o) => o.removes).sort(),
      differ: own.flatMap((o) => o.changes).sort(),
    };
    expect(await driftOf(path.join(BPMN, file), reference)).toEqual(expected);
  });

  it.each(OWN.filter((o) => o.diagrams.length > 1).map((o) => [o.why, o] as const))('the diagrams sharing "%s" share those steps exactly', async (_why, own) => {
    // Each states its own value of the parameters named (what it verifies); the rest is the same.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-'));
    const withoutOwnValues = (file: string) => {
      let xml = readFileSync(path.join(BPMN, file), 'utf8');
      for (const name of own.ownParameters ?? []) {
        const pattern = new RegExp(`(<camunda:inputParameter name="${name}">)[^<]*(</camunda:inputParameter>)`, 'g');
        expect([file, name, pattern.test(xml)]).toEqual([file, name, true]);
        xml = xml.replace(pattern, '$1(own)$2');
      }
      writeFileSync(path.join(dir, file), xml);
      return path.join(dir, file);
    };
    const first = await diagramShape(withoutOwnValues(own.diagrams[0]!));
    for (const file of own.diagrams.slice(1)) expect([file, await driftOf(withoutOwnValues(file), first)]).toEqual([file, { own: [], missing: [], differ: [] }]);
  });

  it('the check finds a changed condition, a changed topic and an added element, and ignores a renamed task', async () => {
    const reference = await diagramShape(path.join(BPMN, REFERENCE));
    const xml = readFileSync(path.join(BPMN, REFERENCE), 'utf8');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-'));
    const variant = (name: string, edit: (s: string) => string) => {
      const file = path.join(dir, name);
      const edited = edit(xml);
      expect(edited).not.toBe(xml);
      writeFileSync(file, edited);
      return file;
    };
    const topic = xml.match(/camunda:topic="([^"]+)"/)![1]!;
    const condition = xml.match(/<bpmn:conditionExpression[^>]*>([^<]+)</)![1]!;
    const topicChanged = await driftOf(variant('topic.bpmn', (s) => s.replace(`camunda:topic="${topic}"`, 'camunda:topic="something-else"')), reference);
    expect(topicChanged.differ).toHaveLength(1);
    const conditionChanged = await driftOf(variant('condition.bpmn', (s) => s.replace(`>${condition}<`, '>${true}<')), reference);
    expect(conditionChanged.differ).toHaveLength(1);
    const renamed = await driftOf(variant('renamed.bpmn', (s) => s.replace(/(<bpmn:serviceTask id="[^"]+" name=")([^"]+)"/, "$1another name\"")), reference);
    expect(renamed).toEqual({ own: [], missing: [], differ: [] });
    const added = await driftOf(variant('added.bpmn', (s) => s.replace('</bpmn:process>', '<bpmn:task id="extra-step" /></bpmn:process>')), reference);
    expect(added.own).toEqual(['extra-step']);
  });
});
