import argon2 from 'argon2';
import type { Db } from '../../db/client.js';

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * Checks a username and password. Returns the user on success. An unknown user
 * still costs one hash verification, so timing does not reveal which usernames exist.
 */
export async function verifyLogin(db: Db, username: string, password: string) {
  const user = await db.user.findUnique({ where: { username: username.toLowerCase() } });
  if (!user || !user.active) {
    await argon2.verify(DUMMY_HASH, password).catch(() => false);
    return null;
  }
  const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
  if (!ok) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return user;
}

const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$1IF0Fs4b6AcrjYhoWFMqg7ajVU+S8bp6uk8CLXGxTIg';
