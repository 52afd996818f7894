// Structured logs (pino). Personal and business identifiers never reach a log in full: known
// fields are masked by path, and any ID-number or credit-code look-alike in text is masked too.
import { pino, type Logger } from 'pino';
import { mask, redactText } from './domain/identifiers.js';

export type { Logger };

const SENSITIVE = ['idNumber', 'creditCode', 'phone'];
const redactPaths = SENSITIVE.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/** Creates the process logger; `destination` is for tests that read what was logged. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'title-review' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: (v) => (typeof v === 'string' ? mask(v, 3, 2) : '[redacted]') },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}
