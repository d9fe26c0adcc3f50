import argon2 from 'argon2';
import type { Db } from '../../db/client.js';

/**
 * argon2id with the library's defaults (64 MiB, 3 passes). The test suite signs
 * in hundreds of times on a 2-core machine, so under NODE_ENV=test the demo
 * accounts are hashed with a small memory cost; verification reads the cost
 * from each stored hash, so production hashes are never affected.
 */
const HASH_OPTIONS: Parameters<typeof argon2.hash>[1] =
  process.env.NODE_ENV === 'test' ? { type: argon2.argon2id, memoryCost: 4096, timeCost: 2, parallelism: 1 } : { type: argon2.argon2id };

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

/**
 * Checks a (normalised) username and password for this deployment's ward.
 * Returns the user on success. An officer of another ward is refused like an
 * unknown user. An unknown user still costs one hash verification, so timing
 * does not reveal which usernames exist.
 */
export async function verifyLogin(db: Db, wardId: string, username: string, password: string) {
  const user = await db.user.findUnique({ where: { username } });
  if (!user?.active || user.wardId !== wardId) {
    await argon2.verify(DUMMY_HASH, password).catch(() => false);
    return null;
  }
  const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
  if (!ok) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return user;
}

export const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$1IF0Fs4b6AcrjYhoWFMqg7ajVU+S8bp6uk8CLXGxTIg';

export type SubjectMatch = { kind: 'ok'; user: Awaited<ReturnType<Db['user']['findUnique']>> & {} } | { kind: 'unknown' } | { kind: 'inactive' };

/**
 * The officer account a single sign-on subject was bound to by the ward
 * administrator (User.oidcSubject). A subject bound to an officer of another
 * ward is unknown here: an officer signs in to his own ward only. A locked
 * account is refused by name, since the provider has already told us who this is.
 */
export async function officerForSubject(db: Db, wardId: string, subject: string): Promise<SubjectMatch> {
  const user = await db.user.findUnique({ where: { oidcSubject: subject } });
  if (!user || user.wardId !== wardId) return { kind: 'unknown' };
  if (!user.active) return { kind: 'inactive' };
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { kind: 'ok', user };
}
