/**
 * Numbers are given by the outgoing register (src/features/register): the văn
 * thư registers a signed document and the register assigns the next free
 * number of its sequence. This file only writes numbers the way documents do.
 */

/** "01/BC-UBND": two digits with a leading zero below 10 (Decree 30/2020); no number yet leaves the blank to write by hand. */
export function formatDocumentNumber(number: number | null | undefined, symbol: string): string {
  if (number === null || number === undefined) return `     /${symbol}`;
  return `${String(number).padStart(2, '0')}/${symbol}`;
}
