/** Receipt codes given to residents for each comment: made, and recognised however they are typed back. */
import crypto from 'node:crypto';

// No 0/O, 1/I/L, so a code read over the phone or copied by hand is unambiguous.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** "GY-7KQ4-M2XD": 8 random symbols from a 31-letter alphabet (about 40 bits). */
export function newReceiptCode(): string {
  const pick = () => Array.from({ length: 4 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('');
  return `GY-${pick()}-${pick()}`;
}

/** Accepts what people type: lower case, spaces, missing dashes or prefix. Null when it cannot be a code. */
export function normaliseReceiptCode(input: string): string | null {
  let s = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (s.startsWith('GY') && s.length === 10) s = s.slice(2);
  if (s.length !== 8 || [...s].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return `GY-${s.slice(0, 4)}-${s.slice(4)}`;
}
