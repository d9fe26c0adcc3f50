/** Reading values off a request the same way in every handler. */
import type { Request } from 'express';

/** A route parameter (`/:draftId`) as a string. */
export const routeParam = (req: Request, name: string): string => String(req.params[name] ?? '');

/**
 * A form or query value as text: '' for anything else. A repeated field arrives as an array and a
 * bracketed one as an object; where one text is expected, neither is a value.
 */
export const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');
