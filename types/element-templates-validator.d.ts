// The part of @bpmn-io/element-templates-validator the tests use (the package ships no types; jest
// loads its ES module build by path, since the package names only a CommonJS main).
declare module '@bpmn-io/element-templates-validator/dist/index.js' {
  export interface ValidationResult {
    valid: boolean;
    object: { id: string };
    errors: unknown[] | null;
  }
  export function validate(template: unknown): ValidationResult;
  export function validateAll(templates: unknown[]): { valid: boolean; results: ValidationResult[] };
}
