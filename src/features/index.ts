import type { Router } from 'express';
import type { AppContext } from '../context.js';

/**
 * Every feature's router, in the order they are mounted. Add a feature here.
 */
export function featureRouters(ctx: AppContext): Router[] {
  void ctx;
  return [];
}
