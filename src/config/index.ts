import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from the environment and is parsed exactly once here.
 * A bad value stops the process at start-up with a readable message.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().default('data'),
    DATABASE_URL: z.string().optional(),
    SESSION_SECRET: z.string().optional(),
    BASE_URL: z.string().url().optional(),
    WARD_SLUG: z.string().default('truong-quang-trong'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().optional(),
    TRUST_PROXY: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'SESSION_SECRET (at least 32 characters) is required in production',
      });
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
  databaseUrl: string;
  databaseKind: 'sqlite' | 'postgresql';
  sessionSecret: string;
  baseUrl: string;
  wardSlug: string;
  logLevel: string;
  maxUploadBytes: number;
  smtpUrl?: string;
  /** Unset: e-mails come from the ward's own name ("UBND phường …") at no-reply@<BASE_URL host>. */
  mailFrom?: string;
  trustProxy?: string;
};

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const databaseUrl = env.DATABASE_URL ?? `file:${path.join(dataDir, 'portal.db')}`;
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST,
    dataDir,
    uploadDir: path.join(dataDir, 'uploads'),
    mailDir: path.join(dataDir, 'mail'),
    databaseUrl,
    databaseKind: databaseUrl.startsWith('file:') ? 'sqlite' : 'postgresql',
    // Outside production a fixed development secret keeps demo sessions working across restarts.
    sessionSecret: env.SESSION_SECRET ?? 'development-only-secret-not-for-production-use',
    // Unset, links in receipts, feeds, sitemap and e-mails point where this process really listens.
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    wardSlug: env.WARD_SLUG,
    logLevel: env.LOG_LEVEL,
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    trustProxy: env.TRUST_PROXY,
  };
}
