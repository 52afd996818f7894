// The diagrams, the forms and the handlers must agree: every topic has a handler and every handler
// a topic; every form reference has a form and every form is used; every BPMN error a handler may
// raise is caught somewhere; every process keeps its history for the records' retention time.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createHandlers } from '../../workers/topics/index.js';
import type { Registry } from '../../workers/registry/registry.js';
import type { PolicyProvider } from '../../workers/policy/provider.js';
import { readDiagrams, writableFields, type DiagramFacts } from '../support/bpmn-model.js';

const registry = createHandlers({ policies: {} as PolicyProvider, clock: () => new Date(), renderDocument: () => Promise.reject(new Error('not here')), registry: {} as Registry });
let diagrams: DiagramFacts[];

beforeAll(async () => {
  diagrams = await readDiagrams(path.join(ROOT, 'bpmn'));
});

const all = (pick: (d: DiagramFacts) => string[]) => [...new Set(diagrams.flatMap(pick))].sort();

describe('SPEC 1: diagrams, forms and handlers agree', () => {
  it('every topic used in bpmn/ has a handler, and every handler is used', () => {
    expect(all((d) => d.topics)).toEqual(registry.topics());
  });

  it('every formRef has a form in forms/ with that id, and every form is referenced', () => {
    const forms = readdirSync(path.join(ROOT, 'forms'))
      .filter((f) => f.endsWith('.form'))
      .map((f) => ({ file: f, id: JSON.parse(readFileSync(path.join(ROOT, 'forms', f), 'utf8')).id as string }));
    for (const form of forms) expect(form.file).toBe(`${form.id}.form`);
    expect(all((d) => d.formRefs)).toEqual(forms.map((f) => f.id).sort());
  });

  it('every BPMN error code a handler may raise is caught in a diagram', () => {
    const caught = new Set(all((d) => d.caughtErrorCodes));
    const raised = registry.all().flatMap((h) => (h.errors ?? []).map((code: string) => `${h.topic}:${code}`));
    expect(raised.filter((r) => !caught.has(r.split(':')[1]!))).toEqual([]);
  });

  it('call activities pass named variables only, and what a task of the called process writes stays there (its recorder passes the outcome)', () => {
    const calls = diagrams.flatMap((d) => d.calls.map((c) => ({ ...c, file: path.basename(d.file) })));
    expect(calls.length).toBeGreaterThan(30);
    expect(calls.filter((c) => c.ins.includes('all') || c.outs.includes('all')).map((c) => `${c.file}#${c.id}`)).toEqual([]);
    const formsOf = Object.assign({}, ...diagrams.map((d) => d.formsByProcess)) as Record<string, string[]>;
    const written = (processId: string) =>
      new Set((formsOf[processId] ?? []).flatMap((id) => writableFields(JSON.parse(readFileSync(path.join(ROOT, 'forms', `${id}.form`), 'utf8')))));
    const leaks = calls.flatMap((c) => c.outs.filter((v) => written(c.calledElement).has(v)).map((v) => `${c.file}#${c.id}: ${v}`));
    expect(leaks).toEqual([]);
    // The check sees the forms' fields at all: the unit review's decision is one of them.
    expect(written('unit-review').has('unitReviewDecision')).toBe(true);
  });

  it('no diagram writes an office\'s group id: the province\'s tasks name ${provinceGroup}, set at the start from the policy', () => {
    const bpmnDir = path.join(ROOT, 'bpmn');
    const spelled = readdirSync(bpmnDir)
      .filter((f) => f.endsWith('.bpmn'))
      .flatMap((f) => [...readFileSync(path.join(bpmnDir, f), 'utf8').matchAll(/candidateGroups="([^"]*)"/g)].map((m) => [f, m[1]!] as const))
      .filter(([, groups]) => /\b(hr|unit|committee|dept)-[\w-]+/.test(groups) || groups === 'federation');
    expect(spelled).toEqual([]);
  });

  it('every called element is a process of bpmn/', () => {
    const processes = new Set(all((d) => d.processIds));
    expect(all((d) => d.calledElements).filter((c) => !processes.has(c))).toEqual([]);
  });

  it('every process keeps its history ten years (3650 days), the retention of title-review records', () => {
    for (const d of diagrams) expect(d.historyTimeToLive.map(String)).toEqual(d.processIds.map(() => '3650'));
  });
});
