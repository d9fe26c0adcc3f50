/** Reading values off a request the same way in every handler. */
import type { Request } from 'express';

/** A route parameter (`/:draftId`) as a string. */
export const routeParam = (req: Request, name: string): string => String(req.params[name] ?? '');

/**
 * A form or query value as text: '' for anything else. A repeated field arrives as an array and a
 * bracketed one as an object; where one text is expected, neither is a value.
 */
export const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * One cookie's value read from a Cookie header, as cookie-parser reads it (the first of that name,
 * spaces and surrounding quotes off, %-escapes decoded), for code that runs before cookie-parser.
 */
export function cookieIn(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!value.includes('%')) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
