/**
 * Recognises "the database is out of reach" among errors from Prisma, the pg
 * driver and better-sqlite3, so the error handler answers a calm 503 ("try
 * again later") rather than a 500 — and nobody is logged out because a
 * session could not be read.
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionStartTimeout']);
/** pg: query cancelled (statement_timeout), server shutting down, connection exceptions (class 08), insufficient resources (53). */
const PG_CODE = /^(57014|57P0[1-3]|08\d{3}|53\d{3})$/;
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|CANTOPEN|FULL|CORRUPT|NOTADB)/;
const MESSAGES =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection terminated|connection timeout|Query read timeout|timeout exceeded when trying to connect|statement timeout|Can't reach database server|database is locked|disk I\/O error|unable to open database/i;

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const code = typeof e.code === 'string' ? e.code : '';
  if (PRISMA_CODES.has(code) || PG_CODE.test(code) || SQLITE_CODES.test(code)) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
