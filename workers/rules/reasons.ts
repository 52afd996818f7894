// Every rule answer carries its reasons: which rule, which field, and why.

/** One refusal or remark of a rule. */
export interface Reason {
  rule: string;
  field: string;
  message: string;
}

/** Builds a reason. */
export const reason = (rule: string, field: string, message: string): Reason => ({ rule, field, message });
