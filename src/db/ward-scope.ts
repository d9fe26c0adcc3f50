import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which ward's data the code running now may touch. A request for a ward's pages
 * runs inside `runInWard(ward.id, …)`; the province's pages and the deployment's
 * jobs that read every ward say so explicitly with `acrossWards(…)`.
 *
 * (Skeleton: the ward-scoped access layer that enforces this on every Prisma
 * query is built on top of it.)
 */
export type WardScope = { kind: 'ward'; wardId: string } | { kind: 'all' };

const storage = new AsyncLocalStorage<WardScope>();

export function runInWard<T>(wardId: string, fn: () => T): T {
  return storage.run({ kind: 'ward', wardId }, fn);
}

export function acrossWards<T>(fn: () => T): T {
  return storage.run({ kind: 'all' }, fn);
}

export function currentWardScope(): WardScope | undefined {
  return storage.getStore();
}
