// Camunda Modeler element templates (Camunda 7) for every worker topic, generated from the handler
// registry so they cannot drift from the code: an analyst adds a step by choosing it from the
// template list; its topic is fixed, its step parameters are asked for, and the variables it reads
// and sets and the errors it raises are named in its description. `npm run element-templates` rewrites bpmn/element-templates/.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../config.js';
import { createHandlers } from '../topics/index.js';
import type { Registry } from '../registry/registry.js';
import type { PolicyProvider } from '../policy/provider.js';
import type { AnyHandler } from '../runtime/handler.js';

export const ELEMENT_TEMPLATES_FILE = path.join(ROOT, 'bpmn', 'element-templates', 'title-review-workers.json');
const SCHEMA = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';

/** Element templates of all topics, in topic order. */
export function elementTemplates(handlers: readonly AnyHandler[]): object[] {
  return [...handlers]
    .sort((a, b) => a.topic.localeCompare(b.topic))
    .map((h) => {
      const parameters = h.parameters ?? [];
      const reads = Object.keys(h.input.shape).filter((k) => !parameters.some((p) => p.name === k));
      return {
        $schema: SCHEMA,
        name: `Title review: ${h.topic}`,
        id: `jl.title-review.${h.topic}`,
        version: 1,
        // What the worker reads and sets, shown under the template's name in Modeler's list.
        description: [
          h.description.replace(/\.?$/, '.'),
          `Reads: ${reads.join(', ') || '(nothing)'}.`,
          ...((h.registryFacts ?? []).length > 0 ? [`From the registry (never from process variables): ${(h.registryFacts ?? []).join(', ')}.`] : []),
          `Sets: ${h.outputs.join(', ') || '(nothing)'}.`,
          ...((h.errors ?? []).length > 0 ? [`BPMN errors (catch each with an error boundary event): ${(h.errors ?? []).join(', ')}.`] : []),
        ].join(' '),
        appliesTo: ['bpmn:ServiceTask'],
        groups: [{ id: 'step', label: 'Worker step' }],
        properties: [
          { type: 'Hidden', value: 'external', binding: { type: 'property', name: 'camunda:type' } },
          { label: 'Topic', type: 'String', value: h.topic, editable: false, group: 'step', binding: { type: 'property', name: 'camunda:topic' } },
          ...parameters.map((p) => ({
            label: p.label,
            description: p.description,
            group: 'step',
            ...(p.choices && !p.multiple
              ? { type: 'Dropdown', value: p.choices[0], choices: p.choices.map((c) => ({ name: c, value: c })) }
              : { type: 'String', value: p.choices?.[0] ?? '' }),
            binding: { type: 'camunda:inputParameter', name: p.name },
            constraints: { notEmpty: true, ...(p.choices ? { pattern: { value: `^(${p.choices.join('|')})(,(${p.choices.join('|')}))*$`, message: `Names among ${p.choices.join(', ')}, comma-separated` } } : {}) },
          })),
        ],
      };
    });
}

/** The handlers of the product, without their run-time dependencies (nothing is called). */
export function productHandlers(): AnyHandler[] {
  const unused = () => Promise.reject(new Error('not available while generating element templates'));
  return createHandlers({ policies: {} as PolicyProvider, clock: () => new Date(), renderDocument: unused, registry: {} as Registry }).all();
}

/** The file's text: JSON, two-space indentation, final newline. */
export function elementTemplatesText(): string {
  return `${JSON.stringify(elementTemplates(productHandlers()), null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  mkdirSync(path.dirname(ELEMENT_TEMPLATES_FILE), { recursive: true });
  writeFileSync(ELEMENT_TEMPLATES_FILE, elementTemplatesText());
  process.stdout.write(`wrote ${path.relative(ROOT, ELEMENT_TEMPLATES_FILE)}\n`);
}
