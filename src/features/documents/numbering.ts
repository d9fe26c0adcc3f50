import crypto from 'node:crypto';
import type { Tx } from '../../db/client.js';

/**
 * Takes the next number for (ward, year, symbol) inside the caller's transaction.
 * One INSERT … ON CONFLICT DO UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL)
 * creates the counter at 1 or increments it atomically: the row lock (PostgreSQL)
 * or the write lock (SQLite) makes two officers issuing at once get two numbers,
 * and a new year starts a new row, so numbering restarts at 01.
 */
export async function nextDocumentNumber(tx: Tx, wardId: string, year: number, symbol: string): Promise<number> {
  const id = `dc_${crypto.randomUUID().replace(/-/g, '')}`;
  const rows = await tx.$queryRaw<{ lastNumber: number | bigint }[]>`
    INSERT INTO "DocumentCounter" ("id", "wardId", "year", "symbol", "lastNumber")
    VALUES (${id}, ${wardId}, ${year}, ${symbol}, 1)
    ON CONFLICT ("wardId", "year", "symbol") DO UPDATE SET "lastNumber" = "DocumentCounter"."lastNumber" + 1
    RETURNING "lastNumber"`;
  return Number(rows[0].lastNumber);
}

/** "01/BC-UBND": two digits with a leading zero below 10 (Decree 30/2020). */
export function formatDocumentNumber(number: number | null | undefined, symbol: string): string {
  if (number === null || number === undefined) return `     /${symbol}`;
  return `${String(number).padStart(2, '0')}/${symbol}`;
}
