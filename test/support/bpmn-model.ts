// Reads the diagrams with bpmn-moddle (the parser of Camunda Modeler) and lists what the
// consistency tests compare: topics, form references, thrown and caught error codes.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';

const camundaModdle = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json') as object;

interface Element {
  $type: string;
  id?: string;
  [key: string]: unknown;
}

export interface DiagramFacts {
  file: string;
  processIds: string[];
  topics: string[];
  formRefs: string[];
  caughtErrorCodes: string[];
  calledElements: string[];
  /** Each call activity's variable mappings: `all` when it passes every variable (camunda:in/out variables="all"). */
  calls: Array<{ id: string; calledElement: string; ins: string[]; outs: string[] }>;
  /** The forms each process's user tasks reference, by process id. */
  formsByProcess: Record<string, string[]>;
  historyTimeToLive: Array<string | number | undefined>;
}

function walk(node: unknown, visit: (el: Element) => void, seen = new Set<unknown>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit, seen));
  const el = node as Element;
  if (typeof el.$type === 'string') visit(el);
  for (const [key, value] of Object.entries(el)) {
    if (key.startsWith('$') || key === 'di') continue;
    walk(value, visit, seen);
  }
}

/** Parses one diagram. */
export async function readDiagram(file: string): Promise<DiagramFacts> {
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  const { rootElement, warnings } = await moddle.fromXML(readFileSync(file, 'utf8'));
  if (warnings.length) throw new Error(`${file}: ${warnings.map((w: { message: string }) => w.message).join('; ')}`);
  const facts: DiagramFacts = { file, processIds: [], topics: [], formRefs: [], caughtErrorCodes: [], calledElements: [], calls: [], formsByProcess: {}, historyTimeToLive: [] };
  walk(rootElement, (el) => {
    if (el.$type === 'bpmn:Process') {
      facts.processIds.push(String(el.id));
      const forms: string[] = [];
      walk(el.flowElements, (inner) => {
        if (typeof inner.formRef === 'string') forms.push(inner.formRef);
      });
      facts.formsByProcess[String(el.id)] = forms;
      facts.historyTimeToLive.push(el.historyTimeToLive as string | undefined);
    }
    if (el.type === 'external' && typeof el.topic === 'string') facts.topics.push(el.topic);
    if (typeof el.formRef === 'string') facts.formRefs.push(el.formRef);
    if (el.$type === 'bpmn:CallActivity' && typeof el.calledElement === 'string') {
      facts.calledElements.push(el.calledElement);
      const mappings = ((el.extensionElements as { values?: Element[] } | undefined)?.values ?? []).filter((v) => v.$type === 'camunda:In' || v.$type === 'camunda:Out');
      const named = (type: string) => mappings.filter((m) => m.$type === type && !m.businessKey).map((m) => (m.variables ? 'all' : String(m.target)));
      facts.calls.push({ id: String(el.id), calledElement: el.calledElement, ins: named('camunda:In'), outs: mappings.filter((m) => m.$type === 'camunda:Out').map((m) => (m.variables ? 'all' : String(m.source))) });
    }
    if (el.$type === 'bpmn:ErrorEventDefinition') {
      const code = (el.errorRef as { errorCode?: string } | undefined)?.errorCode;
      if (code) facts.caughtErrorCodes.push(code);
    }
  });
  return facts;
}

/**
 * The variables a form lets its user write (as engine/…/FormFields reads them): the key of each
 * input field and the path of a dynamic list or group, first segment, unless read-only or disabled.
 */
export function writableFields(form: { components?: unknown[] }): string[] {
  const out = new Set<string>();
  const visit = (components: unknown[] | undefined, fixed: boolean, inside: boolean) => {
    for (const c of (components ?? []) as Array<Record<string, unknown>>) {
      const ro = fixed || c.readonly === true || c.disabled === true;
      const pathOf = typeof c.path === 'string' && c.path ? c.path : null;
      const key = typeof c.key === 'string' && c.key && !['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'documentPreview'].includes(String(c.type)) ? c.key : null;
      const variable = inside ? null : (pathOf ?? key)?.split('.')[0];
      if (variable && !ro) out.add(variable);
      visit(c.components as unknown[] | undefined, ro, inside || pathOf !== null);
    }
  };
  visit(form.components, false, false);
  return [...out].sort();
}

/** Parses every diagram of a folder. */
export async function readDiagrams(dir: string): Promise<DiagramFacts[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort();
  return Promise.all(files.map((f) => readDiagram(path.join(dir, f))));
}
