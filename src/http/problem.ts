// Every error leaves the API as application/problem+json (RFC 9457): a stable `type`, the
// message in the caller's language plus both languages, the offending field(s) and a
// correlation id that also appears in the logs.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from '../shared/errors.ts';
import { checkText } from '../shared/validation.ts';
import type { LocalizedText } from '../shared/vocabulary.ts';

export const PROBLEM_BASE = '/problems/';

export function preferredLocale(request: FastifyRequest): keyof LocalizedText {
  const header = String(request.headers['accept-language'] ?? '');
  return /^en\b/i.test(header.trim()) ? 'en-US' : 'zh-CN';
}

interface ValidationIssueLike {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params?: Record<string, unknown>;
}

function fieldOf(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return [context, path].filter(Boolean).join('.') || (context ?? 'body');
}

function describeIssue(issue: ValidationIssueLike): LocalizedText {
  // Our own checks carry both texts (shared/validation.ts); zod's own say the bound or the kind of fault.
  const own = issue.keyword === 'custom' ? checkText(issue.params?.params) : null;
  if (own) return own;
  const en = issue.message ?? 'Invalid value';
  const zh: Record<string, string> = {
    invalid_type: '类型不正确或缺少此字段',
    too_small: '值过小或过短',
    too_big: '值过大或过长',
    invalid_format: '格式不正确',
    invalid_value: '取值不在允许范围内',
    unrecognized_keys: '包含不认识的字段',
    invalid_union: '内容不符合任何允许的格式',
    not_multiple_of: '数值不符合倍数要求',
    custom: '内容不符合要求',
  };
  return { 'zh-CN': sizeLimit(issue) ?? zh[issue.keyword] ?? '内容不符合要求', 'en-US': en };
}

/** A length or size bound said with its figure: "至少 10 个字符", not "too short". */
function sizeLimit(issue: ValidationIssueLike): string | null {
  const p = (issue.params ?? {}) as { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean };
  const small = issue.keyword === 'too_small';
  const bound = small ? p.minimum : p.maximum;
  if ((issue.keyword !== 'too_small' && issue.keyword !== 'too_big') || (typeof bound !== 'number' && typeof bound !== 'bigint')) return null;
  const n = String(bound);
  switch (p.origin) {
    case 'string':
      return small ? `至少 ${n} 个字符` : `最多 ${n} 个字符`;
    case 'array':
    case 'set':
      return small ? `至少 ${n} 项` : `最多 ${n} 项`;
    case 'number':
    case 'int':
    case 'bigint':
      if (p.inclusive === false) return small ? `必须大于 ${n}` : `必须小于 ${n}`;
      return small ? `不能小于 ${n}` : `不能大于 ${n}`;
    default:
      return null;
  }
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const issues: FieldIssue[] = error.validation.map((issue) => ({
      field: fieldOf(context, issue.instancePath),
      message: describeIssue(issue as ValidationIssueLike),
    }));
    const first = issues[0];
    return new AppError({
      status: 400,
      type: 'validation-failed',
      text: {
        'zh-CN': `请求内容有误：${first ? `${first.field} ${first.message['zh-CN']}` : '格式不正确'}`,
        'en-US': `Invalid request: ${first ? `${first.field}: ${first.message['en-US']}` : 'malformed'}`,
      },
      ...(first ? { field: first.field } : {}),
      issues,
    });
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const known: Record<number, { type: string; text: LocalizedText }> = {
      400: { type: 'bad-request', text: { 'zh-CN': '请求格式不正确', 'en-US': 'Malformed request' } },
      404: { type: 'not-found', text: { 'zh-CN': '资源不存在', 'en-US': 'Not found' } },
      413: { type: 'payload-too-large', text: { 'zh-CN': '请求内容过大', 'en-US': 'Request body too large' } },
      415: { type: 'unsupported-media-type', text: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' } },
      429: { type: 'rate-limited', text: { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests' } },
    };
    const entry = known[status] ?? {
      type: 'bad-request',
      text: { 'zh-CN': '请求无法处理', 'en-US': fastifyError.message ?? 'Bad request' },
    };
    // An upload over the size limit names the file field, like the evidence store's own checks.
    const field = fastifyError.code === 'FST_REQ_FILE_TOO_LARGE' ? { field: 'file' } : {};
    return new AppError({ status, ...entry, ...field });
  }
  return new AppError({
    status: 500,
    type: 'internal-error',
    text: { 'zh-CN': '服务器内部错误，请稍后重试', 'en-US': 'Internal server error, please retry later' },
  });
}

export function problemBody(error: AppError, request: FastifyRequest): Record<string, unknown> {
  const locale = preferredLocale(request);
  // Extra members first: the standard ones (RFC 9457) always say what they mean.
  return {
    ...error.extra,
    type: `${PROBLEM_BASE}${error.type}`,
    title: error.type,
    status: error.status,
    detail: error.text[locale],
    messages: error.text,
    ...(error.field ? { field: error.field } : {}),
    ...(error.issues.length > 0
      ? { errors: error.issues.map((issue) => ({ field: issue.field, message: issue.message[locale], messages: issue.message })) }
      : {}),
    instance: request.url,
    correlationId: request.id,
  };
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
  const retryAfter = appError.extra.retryAfterSeconds;
  if (typeof retryAfter === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfter));
  return reply
    .status(appError.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(problemBody(appError, request)));
}
