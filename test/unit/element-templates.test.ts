// Modeler element templates: generated from the handler registry, valid against Camunda's template
// schema, one per topic, and used by every service task of the diagrams.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateAll } from '@bpmn-io/element-templates-validator/dist/index.js';
import { ROOT } from '../../workers/config.js';
import { ELEMENT_TEMPLATES_FILE, elementTemplatesText, productHandlers } from '../../workers/cli/element-templates.js';

interface Template {
  id: string;
  version: number;
  description: string;
  properties: Array<{ value?: string; binding: { type: string; name: string }; constraints?: { pattern?: { value: string } } }>;
}
const committed = readFileSync(ELEMENT_TEMPLATES_FILE, 'utf8');
const templates = JSON.parse(committed) as Template[];
const handlers = productHandlers();

describe('element templates', () => {
  it('are what the registry generates (run `npm run element-templates` after changing a handler)', () => {
    expect(committed).toBe(elementTemplatesText());
  });

  it('are valid Camunda 7 element templates', () => {
    const { valid, results } = validateAll(templates);
    expect(results.filter((r) => !r.valid).map((r) => [r.object.id, r.errors])).toEqual([]);
    expect([valid, results.length]).toEqual([true, templates.length]);
    // The validator does find a broken template (so the check above can fail).
    expect(validateAll([{ ...templates[0], properties: [{ type: 'String', binding: { type: 'no-such-binding' } }] }]).valid).toBe(false);
  });

  it('give every topic exactly one template, fixing its topic and naming what it reads and sets', () => {
    expect(templates.map((t) => t.id).sort()).toEqual(handlers.map((h) => `jl.title-review.${h.topic}`).sort());
    for (const h of handlers) {
      const t = templates.find((x) => x.id === `jl.title-review.${h.topic}`)!;
      expect(t.properties.find((p) => p.binding.name === 'camunda:topic')?.value).toBe(h.topic);
      expect(t.properties.find((p) => p.binding.name === 'camunda:type')?.value).toBe('external');
      for (const output of h.outputs) expect(t.description).toContain(output);
      for (const code of h.errors ?? []) expect(t.description).toContain(code);
    }
  });

  it('are applied to every service task of the diagrams, whose step parameters the template accepts', () => {
    const dir = path.join(ROOT, 'bpmn');
    const seen: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.bpmn'))) {
      const xml = readFileSync(path.join(dir, file), 'utf8');
      for (const m of xml.matchAll(/<bpmn:serviceTask ([^>]*)>([\s\S]*?)<\/bpmn:serviceTask>/g)) {
        const attrs = m[1]!;
        const topic = /camunda:topic="([^"]+)"/.exec(attrs)?.[1];
        const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
        const template = /camunda:modelerTemplate="([^"]+)"/.exec(attrs)?.[1];
        expect([file, id, template]).toEqual([file, id, `jl.title-review.${topic}`]);
        const t = templates.find((x) => x.id === template)!;
        for (const p of m[2]!.matchAll(/<camunda:inputParameter name="([^"]+)">([^<]*)</g)) {
          const property = t.properties.find((x) => x.binding.type === 'camunda:inputParameter' && x.binding.name === p[1]);
          expect([file, id, p[1], Boolean(property)]).toEqual([file, id, p[1], true]);
          const pattern = property!.constraints?.pattern?.value;
          if (pattern) expect([file, id, p[2]]).toEqual([file, id, expect.stringMatching(new RegExp(pattern))]);
        }
        seen.push(topic!);
      }
      // Outcomes are recorded by message end events of the top-level flows (no template: their topic is fixed).
      for (const m of xml.matchAll(/<bpmn:messageEventDefinition [^>]*camunda:topic="([^"]+)"/g)) seen.push(m[1]!);
    }
    expect([...new Set(seen)].sort()).toEqual(handlers.map((h) => h.topic).sort());
  });
});
