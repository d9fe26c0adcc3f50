import type { Db } from './client.js';
import { hotRead, rawDate } from './hot-sql.js';

type ScalarField = { name: string; kind: string; type: string; isList?: boolean };
type RuntimeDataModel = { models: Record<string, { fields: ScalarField[] }> };
type Convert = (row: Record<string, unknown>) => Record<string, unknown>;

const converters = new WeakMap<object, Map<string, Convert>>();

/** How each scalar field of `model` comes back from Prisma, read from the client's own data model. */
function converterFor(db: Db, model: string): Convert {
  const perClient = converters.get(db) ?? new Map<string, Convert>();
  converters.set(db, perClient);
  const known = perClient.get(model);
  if (known) return known;
  const dataModel = (db as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  const fields = dataModel?.models[model]?.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
  if (!fields?.length) throw new Error(`The Prisma client has no model ${model}.`);
  const cast = fields.map((f) => {
    if (f.isList) throw new Error(`${model}.${f.name}: list fields are not read by hand-written SQL.`);
    switch (f.type) {
      case 'DateTime':
        return (v: unknown) => rawDate(v as Date | string | number | null);
      case 'Boolean':
        return (v: unknown) => (v === null || v === undefined ? null : v === true || v === 1 || v === 1n || v === '1' || v === 't');
      case 'Int':
      case 'Float':
        return (v: unknown) => (v === null || v === undefined ? null : Number(v));
      case 'String':
        return (v: unknown) => v ?? null;
      default:
        throw new Error(`${model}.${f.name}: type ${f.type} is not read by hand-written SQL.`);
    }
  });
  const convert: Convert = (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) out[fields[i].name] = cast[i](row[fields[i].name]);
    return out;
  };
  perClient.set(model, convert);
  return convert;
}

/**
 * Rows of one model read by a hand-written statement of the hot path (src/db/hot-sql.ts: prepared once on
 * SQLite, a `pg` pool on PostgreSQL), shaped as Prisma's `findFirst`/`findMany` without `select` gives them:
 * every scalar field, dates as Date, booleans as boolean, numbers as number, from the client's data model.
 * The statement must select the model's columns (`SELECT t.*`) and carry its own ward filter, like every
 * statement of the hot path (tests/features/security/raw-queries.test.ts lists the callers).
 */
export async function readModelRows<T>(db: Db, model: string, sql: string, params: readonly unknown[]): Promise<T[]> {
  const convert = converterFor(db, model);
  return (await hotRead<Record<string, unknown>>(db, sql, params)).map((r) => convert(r) as T);
}
