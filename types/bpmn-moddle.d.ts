// The part of bpmn-moddle's API the consistency tests use; the package ships no types.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
  }
}
