// Environment → typed configuration, validated once at start-up with a clear message.
import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  AFTERDESK_SIMULATED_CLOCK: z.enum(['0', '1']).default('0'),
  PAYMENT_PROVIDER: z.enum(['local', 'http']).default('local'),
  PAYMENT_BASE_URL: z.string().url().optional(),
  PAYMENT_SECRET: z.string().min(16).optional(),
}).superRefine((e, ctx) => {
  if (e.PAYMENT_PROVIDER === 'http' && (!e.PAYMENT_BASE_URL || !e.PAYMENT_SECRET)) {
    ctx.addIssue({ code: 'custom', path: ['PAYMENT_BASE_URL'], message: 'PAYMENT_PROVIDER=http needs PAYMENT_BASE_URL and PAYMENT_SECRET' });
  }
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  maxUploadBytes: number;
  simulatedClock: boolean;
  payment: { provider: 'local' } | { provider: 'http'; baseUrl: string; secret: string };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    simulatedClock: e.AFTERDESK_SIMULATED_CLOCK === '1',
    payment:
      e.PAYMENT_PROVIDER === 'http' && e.PAYMENT_BASE_URL && e.PAYMENT_SECRET
        ? { provider: 'http', baseUrl: e.PAYMENT_BASE_URL, secret: e.PAYMENT_SECRET }
        : { provider: 'local' },
  };
}
