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
  const facts: DiagramFacts = { file, processIds: [], topics: [], formRefs: [], caughtErrorCodes: [], calledElements: [], historyTimeToLive: [] };
  walk(rootElement, (el) => {
    if (el.$type === 'bpmn:Process') {
      facts.processIds.push(String(el.id));
      facts.historyTimeToLive.push(el.historyTimeToLive as string | undefined);
    }
    if (el.type === 'external' && typeof el.topic === 'string') facts.topics.push(el.topic);
    if (typeof el.formRef === 'string') facts.formRefs.push(el.formRef);
    if (el.$type === 'bpmn:CallActivity' && typeof el.calledElement === 'string') facts.calledElements.push(el.calledElement);
    if (el.$type === 'bpmn:ErrorEventDefinition') {
      const code = (el.errorRef as { errorCode?: string } | undefined)?.errorCode;
      if (code) facts.caughtErrorCodes.push(code);
    }
  });
  return facts;
}

/** Parses every diagram of a folder. */
export async function readDiagrams(dir: string): Promise<DiagramFacts[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort();
  return Promise.all(files.map((f) => readDiagram(path.join(dir, f))));
}
