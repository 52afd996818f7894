// Plain JS values <-> Camunda 7 typed variables. Objects and arrays travel as Spin `Json`, which
// the engine's Spin plugin stores as structured JSON (and Camunda Forms read and write).

/** A typed variable as Camunda 7's REST API carries it. */
export interface TypedValue {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}

/** Encodes one value. */
export function toTypedValue(value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  switch (typeof value) {
    case 'string':
      return { value, type: 'String' };
    case 'boolean':
      return { value, type: 'Boolean' };
    case 'number':
      if (Number.isInteger(value)) return { value, type: Number.isSafeInteger(value) && Math.abs(value) < 2 ** 31 ? 'Integer' : 'Long' };
      return { value, type: 'Double' };
    case 'object':
      if (value instanceof Date) return { value: value.toISOString().replace('Z', '+0000'), type: 'Date' };
      return { value: JSON.stringify(value), type: 'Json' };
    default:
      throw new TypeError(`cannot store a ${typeof value} as a process variable`);
  }
}

/** Encodes a map of values; undefined entries are left out. */
export function toTypedVariables(values: Record<string, unknown>): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) out[name] = toTypedValue(value);
  }
  return out;
}

/** Decodes one typed value: Json and JSON-serialized Object values become plain JS. */
export function fromTypedValue(typed: TypedValue): unknown {
  const type = typed.type.toLowerCase();
  if (typed.value === null || typed.value === undefined) return null;
  if (type === 'json' && typeof typed.value === 'string') return JSON.parse(typed.value);
  if (type === 'object' && typeof typed.value === 'string') {
    const format = typed.valueInfo?.serializationDataFormat;
    if (format === 'application/json') return JSON.parse(typed.value);
  }
  return typed.value;
}

/** Decodes a map of typed values. */
export function fromTypedVariables(typed: Record<string, TypedValue> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(typed ?? {})) out[name] = fromTypedValue(value);
  return out;
}
