import crypto from 'node:crypto';

// The secret as a KeyObject, made once: createHmac with a string key converts and imports it on every
// call, and a comment's three requests sign or verify up to four values (CSRF token, flash cookie).
const keys = new Map<string, crypto.KeyObject>();
function keyOf(secret: string): crypto.KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 16) keys.clear(); // one secret per deployment; tests make a few
    key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of the parts (joined unambiguously) under the deployment's SESSION_SECRET, base64url. */
export function hmac(secret: string, ...parts: string[]): string {
  const mac = crypto.createHmac('sha256', keyOf(secret));
  for (const p of parts) mac.update(`${p.length}:${p}|`);
  return mac.digest('base64url');
}

/** Constant-time comparison of two strings (false when the lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** `value.signature`, for small cookies the browser may read back but must not forge. */
export function signValue(secret: string, purpose: string, value: string): string {
  return `${value}.${hmac(secret, purpose, value)}`;
}

/** The value of a signValue() string, or null when it was altered or signed for another purpose. */
export function unsignValue(secret: string, purpose: string, signed: unknown): string | null {
  if (typeof signed !== 'string') return null;
  const dot = signed.lastIndexOf('.');
  if (dot < 0) return null;
  const value = signed.slice(0, dot);
  return sameSecret(signed.slice(dot + 1), hmac(secret, purpose, value)) ? value : null;
}

// Random bytes for the ids every comment's three requests make (a CSRF nonce, the form's one-time id, the
// comment's id) come from one pool refilled 4 kB at a time from the operating system's CSPRNG, as Node's own
// randomUUID does: a randomBytes call per id was ~2 % of the intake's CPU (issue 10). Each byte is handed out once.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function take(n: number): number {
  if (n > 256) throw new RangeError('At most 256 random bytes at a time from the pool');
  if (poolAt + n > pool.length) {
    crypto.randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += n;
  return at;
}

/** `bytes` random bytes as base64url (unguessable ids and nonces). */
export function randomId(bytes = 18): string {
  if (bytes > 256) return crypto.randomBytes(bytes).toString('base64url');
  const at = take(bytes);
  return pool.toString('base64url', at, at + bytes);
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `count` random base-36 symbols (a byte each, reduced modulo 36), for cuid-like ids. */
export function randomBase36(count: number): string {
  const at = take(count);
  let out = '';
  for (let i = at; i < at + count; i++) out += BASE36[pool[i] % 36];
  return out;
}
