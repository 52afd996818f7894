// The shape of a top-level diagram, as the drift test compares them: each flow element by id, with
// what the engine executes (type, attributes, extension elements, conditions, timers, references by
// id) and without what only people read (names, documentation) or the layout (DI).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const camundaModdle = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json') as object;

interface Element {
  $type: string;
  id?: string;
  [key: string]: unknown;
}

/** Attributes that point at another element: compared by that element's id (or error code, message name). */
const REFERENCES = new Set(['sourceRef', 'targetRef', 'attachedToRef', 'default', 'errorRef', 'messageRef', 'signalRef', 'escalationRef', 'incoming', 'outgoing', 'calledElementRef']);
/** What people read, not what runs. */
const IGNORED = new Set(['name', 'documentation', 'di', 'modelerTemplateVersion']);

function refOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(refOf).sort();
  const el = value as Element | undefined;
  if (!el || typeof el !== 'object') return value;
  if (el.$type === 'bpmn:Error') return `error:${String(el.errorCode)}`;
  if (el.$type === 'bpmn:Message') return `message:${String(el.name)}`;
  return el.id;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  const el = value as Element;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(el).sort()) {
    if ((key.startsWith('$') && key !== '$type' && key !== '$body') || IGNORED.has(key)) continue;
    if (key === 'flowElements' || key === 'artifacts') continue;
    out[key] = REFERENCES.has(key) ? refOf(el[key]) : canonical(el[key]);
  }
  // Attributes moddle keeps outside its schema ($attrs) still run: camunda:* that bpmn-moddle does not know.
  const attrs = (el as { $attrs?: Record<string, string> }).$attrs;
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (!k.startsWith('xmlns')) out[`@${k}`] = v;
  return out;
}

/** Each flow element of the diagram's executable process (sub-process contents included), by id. */
export async function diagramShape(file: string): Promise<Map<string, string>> {
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  const { rootElement } = await moddle.fromXML(readFileSync(file, 'utf8'));
  const process = ((rootElement as { rootElements: Element[] }).rootElements ?? []).find((e) => e.$type === 'bpmn:Process');
  if (!process) throw new Error(`${file}: no process`);
  const shape = new Map<string, string>();
  const visit = (elements: Element[] | undefined) => {
    for (const el of elements ?? []) {
      shape.set(String(el.id), JSON.stringify(canonical(el)));
      visit(el.flowElements as Element[] | undefined);
    }
  };
  visit(process.flowElements as Element[] | undefined);
  const own = canonical({ ...process, id: undefined }) as Record<string, unknown>;
  shape.set('(process)', JSON.stringify({ ...own, id: undefined }));
  return shape;
}
