// Text that PostgreSQL cannot store: a NUL character (U+0000), which no text column or jsonb value
// may hold, and broken UTF-16 (a lone surrogate such as "\ud800"), which is not Unicode text and
// which jsonb refuses. Such a value would fail deep inside a command as a database error, so every
// request's path parameters, query and JSON body (values and keys) are checked before validation,
// and the first offending field is a 400.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.ts';

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The path of the first string or key that is not storable text, or null. */
export function findUnstorableText(value: unknown, path: string): string | null {
  // An explicit stack: a hostile body may nest arrays thousands deep.
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [current, at] = stack.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return at;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push([item, `${at}.${index}`]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (!isStorableText(key)) return at;
        stack.push([item, `${at}.${key}`]);
      }
    }
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field =
      findUnstorableText(request.params, 'params') ??
      findUnstorableText(request.query, 'querystring') ??
      (request.isMultipart() ? null : findUnstorableText(request.body, 'body'));
    if (!field) return;
    const text = {
      'zh-CN': `请求内容有误：${field} 含有无法保存的字符（空字符 U+0000 或不完整的 Unicode 代理项）`,
      'en-US': `Invalid request: ${field} contains a character text cannot hold (NUL, U+0000, or a lone Unicode surrogate)`,
    };
    throw new AppError({ status: 400, type: 'validation-failed', field, text, issues: [{ field, message: text }] });
  });
}
