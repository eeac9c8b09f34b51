// Domain errors carry a stable problem type, an HTTP status and text in both languages.
// The HTTP layer turns them into application/problem+json (RFC 9457).
import type { LocalizedText } from './vocabulary.ts';

export interface FieldIssue {
  field: string;
  message: LocalizedText;
}

export class AppError extends Error {
  readonly status: number;
  readonly type: string;
  readonly text: LocalizedText;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];
  readonly extra: Record<string, unknown>;

  constructor(options: {
    status: number;
    type: string;
    text: LocalizedText;
    field?: string;
    issues?: FieldIssue[];
    extra?: Record<string, unknown>;
  }) {
    super(options.text['en-US']);
    this.status = options.status;
    this.type = options.type;
    this.text = options.text;
    this.field = options.field;
    this.issues = options.issues ?? [];
    this.extra = options.extra ?? {};
  }
}

export const notFound = (what: LocalizedText, field?: string): AppError =>
  new AppError({
    status: 404,
    type: 'not-found',
    text: { 'zh-CN': `${what['zh-CN']}不存在`, 'en-US': `${what['en-US']} not found` },
    ...(field ? { field } : {}),
  });

export const forbidden = (text?: LocalizedText): AppError =>
  new AppError({
    status: 403,
    type: 'forbidden',
    text: text ?? { 'zh-CN': '您无权执行此操作', 'en-US': 'You are not allowed to do this' },
  });

export const conflict = (type: string, text: LocalizedText, extra?: Record<string, unknown>): AppError =>
  new AppError({ status: 409, type, text, ...(extra ? { extra } : {}) });

export const invalid = (field: string, text: LocalizedText, type = 'validation-failed'): AppError =>
  new AppError({ status: 422, type, text, field, issues: [{ field, message: text }] });
