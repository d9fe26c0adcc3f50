import type { z } from 'zod';
import { toNFC } from './text.js';

/** Field messages keyed by form field name, plus the ordered list for the error summary. */
export type FormErrors = {
  fields: Record<string, string>;
  summary: { field: string; message: string }[];
};

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/**
 * Validates a submitted form. On failure returns the first message for each field,
 * in the order the fields were checked, ready for the error summary partial.
 * Every text is composed to NFC first, so what is parsed and stored never
 * depends on the keyboard it was typed on.
 */
export function validateForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(toNFC(input));
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: toFormErrors(result.error.issues) };
}

export function toFormErrors(issues: readonly { path: PropertyKey[]; message: string }[]): FormErrors {
  const fields: Record<string, string> = {};
  const summary: { field: string; message: string }[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (fields[field]) continue;
    fields[field] = issue.message;
    summary.push({ field, message: issue.message });
  }
  return { fields, summary };
}

/** Builds FormErrors for a rule checked outside zod (for example in a service). */
export function singleError(field: string, message: string): FormErrors {
  return { fields: { [field]: message }, summary: [{ field, message }] };
}

/**
 * The one way a handler meets a rule a service refuses (a FormError): run the step, get the
 * outcome in validateForm's shape, and re-render the form the same way for both:
 *   const saved = await attemptForm(() => service.save(…));
 *   if (!saved.ok) return renderForm(res, 400, values, saved.errors);
 * Any other error goes on to the error handler.
 */
export async function attemptForm<T>(step: () => T | Promise<T>): Promise<FormResult<Awaited<T>>> {
  try {
    return { ok: true, data: await step() };
  } catch (err) {
    if (err instanceof FormError) return { ok: false, errors: err.errors };
    throw err;
  }
}

/** Thrown by services when a business rule rejects a form; handlers re-render with status 400. */
export class FormError extends Error {
  constructor(public readonly errors: FormErrors) {
    super(errors.summary.map((s) => s.message).join('; '));
    this.name = 'FormError';
  }
  static of(field: string, message: string) {
    return new FormError(singleError(field, message));
  }
}
