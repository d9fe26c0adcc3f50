import { z } from 'zod';
import { parseDateInput } from './format.js';

/**
 * Reusable zod pieces for HTML form fields (every value arrives as a string).
 * Messages are in Vietnamese because they are shown to people as they are.
 */
export const requiredText = (label: string, max = 2000) =>
  z
    .string({ message: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(max, `${capitalise(label)} không được dài quá ${max} ký tự.`);

export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `${capitalise(label)} không được dài quá ${max} ký tự.`)
    .optional()
    .default('');

export const requiredDate = (label: string) =>
  z
    .string({ message: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .transform((value, ctx) => {
      const date = parseDateInput(value);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} không phải là ngày hợp lệ (dd/mm/yyyy).` });
        return z.NEVER;
      }
      return date;
    });

export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const date = parseDateInput(value);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} không phải là ngày hợp lệ (dd/mm/yyyy).` });
        return z.NEVER;
      }
      return date;
    });

/** A whole number typed by a person; accepts "1.500.000" or "1500000" (Vietnamese thousands dots). */
export const wholeNumber = (label: string, { min = 0, max = 2_000_000_000 } = {}) =>
  z
    .string({ message: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .transform((value, ctx) => {
      const normalised = value.replace(/[.\s]/g, '').replace(/đ$/i, '');
      if (!/^-?\d+$/.test(normalised)) {
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} phải là số nguyên.` });
        return z.NEVER;
      }
      const n = Number(normalised);
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} phải từ ${min} đến ${max.toLocaleString('vi-VN')}.` });
        return z.NEVER;
      }
      return n;
    });

export const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { message });

/** An HTML checkbox: present ("on", "1", "true") means ticked. */
export const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined && v !== '' && v !== '0' && v !== 'false');

/** A multi-select or repeated checkbox: always an array of strings. */
export const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A Vietnamese phone number once spaces, dots, dashes and brackets are removed: 0… or +84…, 9 to 11 digits after. */
export const PHONE = /^(?:\+?84|0)\d{8,10}$/;
