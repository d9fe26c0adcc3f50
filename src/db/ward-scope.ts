import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which ward's data the code running now may touch. A request for a ward's pages
 * runs inside `runInWard(ward.id, …)`; the province's pages and the deployment's
 * jobs that read every ward say so explicitly with `acrossWards(…)`. The ward-scoped
 * access layer (src/db/scoped-client.ts) enforces it on every Prisma query.
 */
export type WardScope = { kind: 'ward'; wardId: string } | { kind: 'all' };

const storage = new AsyncLocalStorage<WardScope>();

export function runInWard<T>(wardId: string, fn: () => T): T {
  return storage.run({ kind: 'ward', wardId }, () => startNow(fn()));
}

export function acrossWards<T>(fn: () => T): T {
  return storage.run({ kind: 'all' }, () => startNow(fn()));
}

export function currentWardScope(): WardScope | undefined {
  return storage.getStore();
}

/**
 * A Prisma query is lazy: it runs when awaited, in the awaiting code's scope. So
 * `runInWard(id, () => db.draft.findMany())` starts it here, inside the scope.
 */
function startNow<T>(result: T): T {
  if (result instanceof Promise || typeof (result as { then?: unknown } | null)?.then !== 'function') return result;
  return (result as PromiseLike<unknown>).then((v) => v) as T;
}
