import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../lib/app-error.js';
import type { Db, Prisma } from './client.js';
import { WARD_OWNERSHIP, wardCondition } from './ward-owned.js';
import { currentWardScope } from './ward-scope.js';
import { shareHotReader } from './hot-sql.js';

/**
 * The ward-scoped access layer: a Prisma client extension that, while the code
 * runs inside `runInWard(wardId, …)`, adds "belongs to this ward" (src/db/ward-owned.ts)
 * to every read, update and delete of a ward-owned model and checks every write
 * points into the ward. Services keep their own ward filters; this layer makes
 * forgetting one harmless instead of a leak.
 *
 * - Reads (findUnique/First/Many, count, aggregate, groupBy), update(Many), delete(Many)
 *   and upsert get the ward condition ANDed to their `where` (Prisma 6 accepts extra
 *   non-unique conditions in findUnique/update/delete). Another ward's row is simply
 *   not there: null, an empty list, count 0; update/delete/…OrThrow of it answer 404.
 * - Creates: `wardId` is set to the scope's ward (or must equal it); a child's parent
 *   (a Comment's draft …) and every other foreign key to ward-owned rows (`refs`)
 *   must be found in the ward, else 404. The same for the keys an update sets and for
 *   nested `create`/`createMany`/`update`/`upsert` inside `data`. Nested `connect`,
 *   `connectOrCreate` and `set` of ward-owned relations are refused (throw): write the
 *   foreign key field instead, which is checked.
 * - `include`/`select` of relations need no filter: they follow foreign keys from a row
 *   of the ward, and the checks above keep every such key inside the ward.
 * - The Ward table: readable (ward names are public) but not with its relations;
 *   written only as the scope's own row.
 * - Outside any scope (`runInWard` / `acrossWards`) a query of ward data throws: on this
 *   client, a request or job that forgot its scope fails loudly instead of reading every
 *   ward. `acrossWards` passes everything through (province pages, deployment jobs).
 * - Raw SQL (Prisma queryRaw) cannot be filtered: tests/features/security/raw-queries.test.ts keeps
 *   an allow-list of the raw queries and why each one is confined to the ward.
 *
 * A row's ward never changes (wardId and parent keys cannot be moved to another ward
 * in a ward scope; ids are never reused), so rows found in a ward are remembered per
 * process — correct with any number of processes — and repeated checks cost nothing.
 */
const SCOPED = Symbol('ward-scoped client');
const READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy']);
const WRITES_WHERE = new Set(['update', 'updateMany', 'updateManyAndReturn', 'delete', 'deleteMany', 'upsert']);
const CREATES = new Set(['create', 'createMany', 'createManyAndReturn']);
const REFUSED_NESTED = ['connect', 'connectOrCreate', 'set'];

type Data = Record<string, unknown>;
type Fields = Map<string, Prisma.ModelName>;
type RuntimeDataModel = { models: Record<string, { fields: { name: string; kind: string; type: string }[] }> };

/** Thrown for a query of ward data made outside runInWard/acrossWards, or a construction the layer cannot check. */
export class WardScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WardScopeError';
  }
}

/** Ids of rows known to belong to a ward: `Model:id` → wardId (bounded; a row's ward never changes). */
const known = new Map<string, string>();
const KNOWN_MAX = 20_000;

/** The client inside the interactive transaction running now, so checks read what the transaction wrote. */
const transactionClient = new AsyncLocalStorage<unknown>();

const delegateName = (model: string) => model[0].toLowerCase() + model.slice(1);

export function isWardScoped(db: Db): boolean {
  return (db as unknown as Record<symbol, unknown>)[SCOPED] === true;
}

/** The app's client with the ward-scoped access layer on top (idempotent). */
export function withWardScope(db: Db): Db {
  if (isWardScoped(db)) return db;
  const relations = relationFields(db);
  let scoped: Db;
  const client = () => (transactionClient.getStore() ?? scoped) as Db;

  async function isInWard(model: Prisma.ModelName, id: string, wardId: string): Promise<boolean> {
    const key = `${model}:${id}`;
    if (known.get(key) === wardId) return true;
    const delegate = (client() as unknown as Record<string, { findFirst: (a: object) => Promise<unknown> }>)[delegateName(model)];
    if (!(await delegate.findFirst({ where: { id }, select: { id: true } }))) return false;
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, wardId);
    return true;
  }

  async function ensureInWard(model: Prisma.ModelName, id: unknown, wardId: string) {
    if (id === null || id === undefined) return;
    if (typeof id !== 'string') throw new WardScopeError(`${model}: a foreign key given as ${typeof id} cannot be checked`);
    if (!(await isInWard(model, id, wardId))) throw AppError.notFound();
  }

  /** Checks (and completes) the data of a create or update of `model` in ward `wardId`. */
  async function checkData(model: Prisma.ModelName, data: Data, wardId: string, how: 'create' | 'update' | 'nested'): Promise<Data> {
    const { owner, refs = {} } = WARD_OWNERSHIP[model];
    if (owner.kind === 'none') return data;
    let out = data;
    if (owner.kind === 'ward-row' && how !== 'update') throw new WardScopeError('wards are created across wards (province administration)');
    if (owner.kind === 'ward') {
      const given = scalar(data.wardId);
      if (given === undefined && how === 'create' && !('ward' in data)) out = { ...data, wardId };
      else if (given !== undefined && given !== wardId) throw AppError.notFound();
    } else if (owner.kind === 'parent') {
      await ensureInWard(owner.model, scalar(data[owner.fk]), wardId);
    }
    for (const [fk, target] of Object.entries(refs)) await ensureInWard(target, scalar(data[fk]), wardId);
    const fields = relations.get(model) ?? new Map();
    for (const [name, value] of Object.entries(data)) {
      const target = fields.get(name);
      if (target && value && typeof value === 'object') await checkNested(target, name, value as Data, wardId);
    }
    return out;
  }

  /**
   * The `where` with the ward condition. A child pinned to one parent (`{ draftId: X, … }` at the
   * top level) needs no join when X is in the ward (checked once, then remembered): the rows can
   * only be X's. Otherwise the join finds nothing, as for any missing row.
   */
  async function scopedWhere(model: Prisma.ModelName, where: Data | undefined, wardId: string): Promise<Data> {
    const { owner } = WARD_OWNERSHIP[model];
    const parentId = owner.kind === 'parent' ? where?.[owner.fk] : undefined;
    if (owner.kind === 'parent' && where && typeof parentId === 'string' && (await isInWard(owner.model, parentId, wardId))) return where;
    return withCondition(where, wardCondition(model, wardId) ?? {});
  }

  async function checkNested(model: Prisma.ModelName, relation: string, ops: Data, wardId: string) {
    if (WARD_OWNERSHIP[model].owner.kind === 'none') return;
    for (const op of REFUSED_NESTED) {
      if (op in ops) throw new WardScopeError(`nested ${op} of ${relation} (${model}) is not checked in a ward scope: set the foreign key field instead`);
    }
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Data[];
    for (const d of list(ops.create)) await checkData(model, d, wardId, 'nested');
    for (const d of list((ops.createMany as Data | undefined)?.data)) await checkData(model, d, wardId, 'nested');
    for (const u of [...list(ops.update), ...list(ops.updateMany)]) await checkData(model, (u.data ?? u) as Data, wardId, 'nested');
    for (const u of list(ops.upsert)) {
      await checkData(model, u.create as Data, wardId, 'nested');
      await checkData(model, u.update as Data, wardId, 'nested');
    }
  }

  const extended = db.$extends({
    name: 'ward-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const name = model as Prisma.ModelName;
          const ownership = WARD_OWNERSHIP[name];
          if (!ownership) throw new WardScopeError(`${model} is not classified in src/db/ward-owned.ts`);
          if (ownership.owner.kind === 'none') return query(args);
          const scope = currentWardScope();
          // The Ward table is how a request finds its scope: read before any scope exists.
          if (!scope && ownership.owner.kind === 'ward-row') return query(args);
          if (!scope) throw new WardScopeError(`${model}.${operation} outside a ward scope: wrap the caller in runInWard(…) or acrossWards(…)`);
          if (scope.kind === 'all') return query(args);
          const a = { ...(args as Data) };
          if (ownership.owner.kind === 'ward-row') {
            if (CREATES.has(operation)) throw new WardScopeError('wards are created across wards (province administration)');
            if (a.include || (a.select && Object.keys(a.select as Data).some((k) => relations.get(name)?.has(k)))) {
              throw new WardScopeError('read a ward’s data through its own models, not through the Ward row');
            }
            if (READS.has(operation)) return query(a);
          }
          if (READS.has(operation) || WRITES_WHERE.has(operation)) a.where = await scopedWhere(name, a.where as Data | undefined, scope.wardId);
          else if (!CREATES.has(operation)) throw new WardScopeError(`${model}.${operation} is not supported in a ward scope`);
          if (operation === 'create') a.data = await checkData(name, a.data as Data, scope.wardId, 'create');
          if (operation === 'createMany' || operation === 'createManyAndReturn') {
            const rows = Array.isArray(a.data) ? (a.data as Data[]) : [a.data as Data];
            a.data = await Promise.all(rows.map((d) => checkData(name, d, scope.wardId, 'create')));
          }
          if (operation.startsWith('update')) a.data = await checkData(name, a.data as Data, scope.wardId, 'update');
          if (operation === 'upsert') {
            a.create = await checkData(name, a.create as Data, scope.wardId, 'create');
            a.update = await checkData(name, a.update as Data, scope.wardId, 'update');
          }
          try {
            return await query(a);
          } catch (err) {
            // Another ward's row is "not found": 404 through the one error handler, like any missing record.
            if ((err as { code?: string }).code === 'P2025') throw AppError.notFound();
            throw err;
          }
        },
      },
    },
  });
  // Interactive transactions: remember the transaction's client so the checks above run inside it
  // (on SQLite a query outside would wait for the transaction; on PostgreSQL it would not see its rows).
  scoped = new Proxy(extended, {
    get(target, prop) {
      if (prop === SCOPED) return true;
      if (prop === '$transaction') {
        return (arg: unknown, options?: unknown) =>
          typeof arg === 'function'
            ? target.$transaction((tx) => transactionClient.run(tx, () => (arg as (t: unknown) => unknown)(tx)) as Promise<unknown>, options as never)
            : target.$transaction(arg as never, options as never);
      }
      return Reflect.get(target, prop, target);
    },
  }) as unknown as Db; // the extension adds no methods and changes no result types: the app stays typed as Db
  shareHotReader(db, scoped);
  return scoped;
}

/** `{ set: x }` or x. */
function scalar(v: unknown): unknown {
  return v && typeof v === 'object' && 'set' in v ? (v as { set: unknown }).set : v;
}

/** Adds a condition to a `where` without touching its unique fields (findUnique/update/delete need them at the top). */
function withCondition(where: Data | undefined, condition: Data): Data {
  if (!where) return condition;
  const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
  return { ...where, AND: [...and, condition] };
}

/** For each model, its relation fields and the models they lead to (from the generated client's data model). */
function relationFields(db: Db): Map<string, Fields> {
  const dataModel = (db as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!dataModel) throw new WardScopeError('the Prisma client exposes no data model: check the ward-scope layer against this Prisma version');
  const out = new Map<string, Fields>();
  for (const [model, { fields }] of Object.entries(dataModel.models)) {
    out.set(model, new Map(fields.filter((f) => f.kind === 'object').map((f) => [f.name, f.type as Prisma.ModelName])));
  }
  return out;
}
