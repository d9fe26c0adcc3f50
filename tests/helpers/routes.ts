/**
 * Lists every route of the Express app from its router, so tests that must
 * cover "every route" cannot miss a new one. Express 5 (router 2) keeps no
 * source string for mount paths, so only routers mounted without a path (as
 * createApp mounts every feature router) are walked; anything else fails loudly
 * and the walker must be extended.
 */
import type { Express } from 'express';
import type { ProvinceRole, Role } from '../../src/domain/enums.js';

export type ListedRoute = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** The roles of the route's requireRole guard: a list, 'any-officer' (no roles given) or null (public). */
  allowedRoles: readonly Role[] | 'any-officer' | null;
  /** The roles of a province route's requireProvinceRole guard (/tinh/can-bo/…), or null. */
  provinceRoles: readonly ProvinceRole[] | null;
};

type Layer = {
  route?: { path: unknown; methods: Record<string, boolean>; stack: { handle: unknown }[] };
  handle?: { stack?: Layer[] } & ((...args: unknown[]) => unknown);
  slash?: boolean;
  name?: string;
};

export function listRoutes(app: Express): ListedRoute[] {
  const routes: ListedRoute[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const { path, methods } = layer.route;
        if (typeof path !== 'string') throw new Error(`route with a non-string path (${String(path)}): extend tests/helpers/routes.ts`);
        const handles = layer.route.stack.map(
          (l) => l.handle as { allowedRoles?: ListedRoute['allowedRoles']; allowedProvinceRoles?: readonly ProvinceRole[] },
        );
        const guard = handles.find((h) => h.allowedRoles !== undefined);
        const provinceGuard = handles.find((h) => h.allowedProvinceRoles !== undefined);
        for (const m of Object.keys(methods)) {
          const method = m.toUpperCase();
          if (method === '_ALL' || method === 'HEAD') continue;
          routes.push({
            method: method as ListedRoute['method'],
            path,
            allowedRoles: guard?.allowedRoles ?? null,
            provinceRoles: provinceGuard?.allowedProvinceRoles ?? null,
          });
        }
      } else if (layer.handle?.stack) {
        if (!layer.slash) throw new Error(`a router mounted at a path (${layer.name}): extend tests/helpers/routes.ts`);
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return routes;
}

/** The `:name` parameters of an Express path. */
export function routeParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

/** The path with each parameter replaced by a real value; throws on a parameter the table does not know. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`no test value for the route parameter :${name} (in ${path}): add one`);
    return encodeURIComponent(values[name]);
  });
}
