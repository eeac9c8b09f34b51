// Environment → typed configuration, validated once at start-up with a clear message.
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseKeyList, type PiiKey } from './modules/privacy/pii.crypto.ts';

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
  CORS_ORIGINS: z.string().default(''),
  HTTPS_ONLY: z.enum(['0', '1']).default('0'),
  TRUST_PROXY: z.string().default(''),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(0),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Afterdesk 售后服务 <no-reply@afterdesk.local>'),
  PUBLIC_URL: z.string().url().optional(),
  SIGN_IN_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  SIGN_IN_IDLE_MINUTES: z.coerce.number().positive().default(60),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(0).default(20),
  SIGN_IN_FAILURE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  SIGN_IN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  PII_KEYS: z.string().default(''),
  PII_ACTIVE_KEY_ID: z.string().trim().optional(),
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  // CL-6: archived cases are kept at least 3 years; a shorter setting is a configuration error.
  RETENTION_YEARS: z.coerce.number().int().min(3, 'must be at least 3 (CL-6: archives are kept at least 3 years)').max(100).default(3),
  // EX-4: the most a return parcel's postage is paid back (fen), and above what finance needs a receipt.
  RETURN_POSTAGE_MAX_FEN: z.coerce.number().int().min(0).max(100_000).default(5_000),
  RETURN_POSTAGE_PROOF_ABOVE_FEN: z.coerce.number().int().min(0).default(2_000),
}).superRefine((e, ctx) => {
  try {
    parseKeyList(e.PII_KEYS);
  } catch (error) {
    ctx.addIssue({ code: 'custom', path: ['PII_KEYS'], message: (error as Error).message });
  }
  for (const origin of splitList(e.CORS_ORIGINS)) {
    if (!isOrigin(origin)) {
      ctx.addIssue({ code: 'custom', path: ['CORS_ORIGINS'], message: `"${origin}" is not an origin (scheme://host[:port], no path)` });
    }
  }
  if (e.PAYMENT_PROVIDER === 'http' && (!e.PAYMENT_BASE_URL || !e.PAYMENT_SECRET)) {
    ctx.addIssue({ code: 'custom', path: ['PAYMENT_BASE_URL'], message: 'PAYMENT_PROVIDER=http needs PAYMENT_BASE_URL and PAYMENT_SECRET' });
  }
});

function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/** Fastify's trustProxy: off, every proxy (`true`), a hop count, or the proxies' addresses/CIDRs. */
function trustProxy(value: string): boolean | number | string[] {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return splitList(v);
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  maxUploadBytes: number;
  simulatedClock: boolean;
  payment: { provider: 'local' } | { provider: 'http'; baseUrl: string; secret: string };
  /** Browser origins allowed to call the API cross-origin; empty: same-origin only. */
  corsOrigins: string[];
  /** Served over HTTPS only: Strict-Transport-Security and upgrade-insecure-requests. */
  httpsOnly: boolean;
  trustProxy: boolean | number | string[];
  /** Requests per minute; 0 turns that limit off. */
  rateLimit: { perToken: number; anonymousPerIp: number; signInPerIp: number; authFailuresPerIp: number };
  /** CL-6: years an archived case is kept before its personal data is purged (at least 3). */
  retentionYears: number;
  /**
   * EX-4: return postage the customer states and someone else pays back: at most `maxFen` a parcel,
   * and above `proofAboveFen` finance pays it only with the receipt's reference or a note.
   */
  returnPostage: { maxFen: number; proofAboveFen: number };
  /** Customer e-mail over SMTP; without smtpUrl e-mails wait in the outbox. */
  mail: { smtpUrl: string | undefined; from: string };
  /** Where people reach the console (links in e-mails). */
  publicUrl: string;
  /** Keys for sensitive personal data (PII_KEYS, PII_ACTIVE_KEY_ID); see privacy/pii.keys.ts. */
  pii: { keys: PiiKey[]; activeKeyId: string | null };
  /** Sign-in lifetimes and the lock-out after failed sign-ins (durations in ms). */
  signIn: SignInSettings;
}

export interface SignInSettings {
  /** A sign-in ends this long after it started, however busy. */
  lifetimeMs: number;
  /** A sign-in ends after this long without a request. */
  idleMs: number;
  /** Failed sign-ins for one email within the window that lock it. */
  maxFailures: number;
  /** Failed sign-ins from one address within the window that lock it; 0: no per-address lock. */
  maxFailuresPerIp: number;
  failureWindowMs: number;
  lockMs: number;
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
    corsOrigins: splitList(e.CORS_ORIGINS).map((origin) => origin.replace(/\/$/, '')),
    httpsOnly: e.HTTPS_ONLY === '1',
    trustProxy: trustProxy(e.TRUST_PROXY),
    rateLimit: {
      perToken: e.RATE_LIMIT_PER_MINUTE,
      anonymousPerIp: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      signInPerIp: e.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      authFailuresPerIp: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    },
    retentionYears: e.RETENTION_YEARS,
    returnPostage: { maxFen: e.RETURN_POSTAGE_MAX_FEN, proofAboveFen: e.RETURN_POSTAGE_PROOF_ABOVE_FEN },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    signIn: {
      lifetimeMs: e.SIGN_IN_HOURS * 3_600_000,
      idleMs: e.SIGN_IN_IDLE_MINUTES * 60_000,
      maxFailures: e.SIGN_IN_MAX_FAILURES,
      maxFailuresPerIp: e.SIGN_IN_MAX_FAILURES_PER_IP,
      failureWindowMs: e.SIGN_IN_FAILURE_WINDOW_MINUTES * 60_000,
      lockMs: e.SIGN_IN_LOCK_MINUTES * 60_000,
    },
    pii: { keys: parseKeyList(e.PII_KEYS), activeKeyId: e.PII_ACTIVE_KEY_ID || null },
  };
}
