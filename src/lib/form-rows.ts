/**
 * Repeatable rows in plain HTML forms (`rows[0][field]`), parsed by qs or multer
 * into an array or an object keyed by index depending on how many there are.
 */
import type { z } from 'zod';
import { toNFC } from './text.js';
import { toFormErrors, type FormErrors } from './validation.js';

/** Turns `rows[0][x]` form input (array or object from qs/multer) into an ordered list. */
export function formRows(input: unknown): Record<string, unknown>[] {
  if (!input || typeof input !== 'object') return [];
  const entries = Array.isArray(input)
    ? input.map((v, i) => [i, v] as const)
    : Object.entries(input as Record<string, unknown>)
        .map(([k, v]) => [Number(k), v] as const)
        .filter(([k]) => Number.isInteger(k));
  return entries.sort((a, b) => a[0] - b[0]).map(([, v]) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {}));
}

/** A row the person left completely empty is not a row. */
export function isBlankRow(row: Record<string, unknown>, fields: string[]): boolean {
  return fields.every((f) => String(row[f] ?? '').trim() === '');
}

/**
 * Validates each non-blank row with `schema`; error fields are named
 * `<prefix>.<index>.<field>` so the summary links to the right input.
 */
export function validateRows<S extends z.ZodType>(
  prefix: string,
  input: unknown,
  fields: string[],
  schema: S,
): { rows: z.infer<S>[]; raw: Record<string, string>[]; issues: { path: PropertyKey[]; message: string }[] } {
  const all = formRows(toNFC(input)).map((r) => Object.fromEntries(fields.map((f) => [f, String(r[f] ?? '')])));
  const rows: z.infer<S>[] = [];
  const issues: { path: PropertyKey[]; message: string }[] = [];
  all.forEach((row, i) => {
    if (isBlankRow(row, fields)) return;
    const result = schema.safeParse(row);
    if (result.success) rows.push(result.data);
    else for (const issue of result.error.issues) issues.push({ path: [prefix, i, ...issue.path], message: issue.message });
  });
  return { rows, raw: all, issues };
}

/** Merges zod issues of the main form and its rows into one error list, in page order. */
export function mergeErrors(...lists: { path: PropertyKey[]; message: string }[][]): FormErrors | null {
  const issues = lists.flat();
  return issues.length ? toFormErrors(issues) : null;
}
