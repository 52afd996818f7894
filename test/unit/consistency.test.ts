// The diagrams, the forms and the handlers must agree: every topic has a handler and every handler
// a topic; every form reference has a form and every form is used; every BPMN error a handler may
// raise is caught somewhere; every process keeps its history for the records' retention time.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { createHandlers } from '../../workers/handlers.js';
import type { Registry } from '../../workers/registry/registry.js';
import type { PolicyProvider } from '../../workers/policies.js';
import { readDiagrams, type DiagramFacts } from '../support/bpmn-model.js';

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

  it('every called element is a process of bpmn/', () => {
    const processes = new Set(all((d) => d.processIds));
    expect(all((d) => d.calledElements).filter((c) => !processes.has(c))).toEqual([]);
  });

  it('every process keeps its history ten years (3650 days), the retention of title-review records', () => {
    for (const d of diagrams) expect(d.historyTimeToLive.map(String)).toEqual(d.processIds.map(() => '3650'));
  });
});
