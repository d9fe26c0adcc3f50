import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * TRUST_PROXY, turned into what Express's `trust proxy` accepts:
 * - `false` (or unset): the peer's address is the client's; X-Forwarded-* are ignored;
 * - a hop count (`1` = one reverse proxy in front: the last X-Forwarded-For entry it added);
 * - `true`: trust every proxy (only when nothing but proxies can reach the app);
 * - a comma-separated list of the proxies' addresses, CIDR ranges (`10.0.0.0/8`)
 *   and named ranges `loopback`, `linklocal`, `uniquelocal`.
 */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (NAMED_RANGES.has(item)) return true;
  const [address, prefix, ...rest] = item.split('/');
  const version = net.isIP(address);
  if (!version || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const trustProxySchema = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxy => {
    const value = (raw ?? '').trim().toLowerCase();
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const items = value.split(',').map((s) => s.trim());
    const bad = items.filter((item) => !isAddressOrRange(item));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `"${bad.join(', ')}" is not understood; use a hop count (1), true/false, loopback/linklocal/uniquelocal, or comma-separated addresses/CIDR ranges (e.g. 10.0.0.1, 172.16.0.0/12)`,
      });
      return z.NEVER;
    }
    return items;
  });

/** A variable set to an empty string (a blank line in a compose file) counts as unset. */
const unsetWhenBlank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

/**
 * All configuration comes from the environment and is parsed exactly once here.
 * A bad value stops the process at start-up with a readable message.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port (printed at start)
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().default('data'),
    DATABASE_URL: z.string().optional(),
    SESSION_SECRET: z.string().optional(),
    BASE_URL: z.string().url().optional(),
    WARD_SLUG: z.string().default('truong-quang-trong'),
    PROVINCE_NAME: z.string().trim().min(1).max(100).default('Quảng Ngãi'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().optional(),
    TRUST_PROXY: trustProxySchema,
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1500),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(4000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    ALLOW_NEW_DATABASE: z.enum(['0', '1', 'true', 'false', '']).optional(),
    OIDC_ISSUER_URL: unsetWhenBlank(z.string().url().optional()),
    OIDC_CLIENT_ID: unsetWhenBlank(z.string().optional()),
    OIDC_CLIENT_SECRET: unsetWhenBlank(z.string().optional()),
    OIDC_LABEL: unsetWhenBlank(z.string().trim().max(120).optional()),
    FILE_STORAGE: z.enum(['local', 'database']).default('local'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'SESSION_SECRET (at least 32 characters) is required in production',
      });
    }
    // Single sign-on is all or nothing: a half-configured client would show a button that cannot work.
    const oidcSet = [env.OIDC_ISSUER_URL, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter((v) => v !== undefined).length;
    if (oidcSet > 0 && oidcSet < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER_URL'],
        message: 'set OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none of them)',
      });
    }
    // Tokens and the client secret travel to the provider: only over TLS in production.
    if (env.NODE_ENV === 'production' && env.OIDC_ISSUER_URL && !env.OIDC_ISSUER_URL.startsWith('https://')) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER_URL'], message: 'must be an https:// address in production' });
    }
    if (env.DATABASE_URL && !/^(file:|postgres(ql)?:\/\/)/.test(env.DATABASE_URL)) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must start with file: or postgresql://' });
    }
  });

export type AppConfig = {
  env: 'development' | 'test' | 'production';
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  uploadDir: string;
  mailDir: string;
  /** Uploads in flight (multer writes them here, they are removed when the request ends). */
  uploadTmpDir: string;
  databaseUrl: string;
  databaseKind: 'sqlite' | 'postgresql';
  sessionSecret: string;
  baseUrl: string;
  /** The ward served at the root; '' = the root shows the province landing page. */
  wardSlug: string;
  /** "Quảng Ngãi": the province landing page's name (Tỉnh …). */
  provinceName: string;
  logLevel: string;
  maxUploadBytes: number;
  smtpUrl?: string;
  /** Unset: e-mails come from the ward's own name ("UBND phường …") at no-reply@<BASE_URL host>. */
  mailFrom?: string;
  trustProxy: TrustProxy;
  /** PostgreSQL connect and statement limits: a hung database gives a 503 within 5 s. */
  dbTimeouts: { connectMs: number; statementMs: number };
  /** Backstop: a request still unanswered after this long gets a 503 (0 = off; uploads excluded). */
  requestTimeoutMs: number;
  /** `npm start` may create a new database although DATA_DIR says one existed. */
  allowNewDatabase: boolean;
  /** Officers may also sign in through the province's OpenID Connect provider (unset: passwords only). */
  oidc?: OidcConfig;
  /** Where uploaded files' bytes live: DATA_DIR/uploads (one machine) or the database (shared by every process). */
  fileStorage: 'local' | 'database';
};

export type OidcConfig = {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The login page's button text. */
  label: string;
};

export const DEFAULT_OIDC_LABEL = 'Đăng nhập bằng tài khoản dùng chung của tỉnh';

/**
 * The database the portal uses: DATABASE_URL, or the SQLite file in DATA_DIR (default `data`).
 * The Prisma CLI's config (prisma.config.ts) asks the same function, so both always agree.
 */
export function databaseUrlOf(env: { DATABASE_URL?: string; DATA_DIR?: string }): string {
  return env.DATABASE_URL ?? `file:${path.join(path.resolve(env.DATA_DIR ?? 'data'), 'portal.db')}`;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const databaseUrl = databaseUrlOf(env);
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST,
    dataDir,
    uploadDir: path.join(dataDir, 'uploads'),
    mailDir: path.join(dataDir, 'mail'),
    uploadTmpDir: path.join(dataDir, 'tmp'),
    databaseUrl,
    databaseKind: databaseUrl.startsWith('file:') ? 'sqlite' : 'postgresql',
    // Outside production a fixed development secret keeps demo sessions working across restarts.
    sessionSecret: env.SESSION_SECRET ?? 'development-only-secret-not-for-production-use',
    // Unset, links in receipts, feeds, sitemap and e-mails point where this process really listens.
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    wardSlug: env.WARD_SLUG,
    provinceName: env.PROVINCE_NAME.normalize('NFC'),
    logLevel: env.LOG_LEVEL,
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    trustProxy: env.TRUST_PROXY,
    dbTimeouts: { connectMs: env.DB_CONNECT_TIMEOUT_MS, statementMs: env.DB_STATEMENT_TIMEOUT_MS },
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    allowNewDatabase: env.ALLOW_NEW_DATABASE === '1' || env.ALLOW_NEW_DATABASE === 'true',
    oidc:
      env.OIDC_ISSUER_URL && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? { issuerUrl: env.OIDC_ISSUER_URL, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, label: env.OIDC_LABEL ?? DEFAULT_OIDC_LABEL }
        : undefined,
    fileStorage: env.FILE_STORAGE,
  };
}
