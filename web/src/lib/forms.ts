// Puts the API's field errors (problem.field / problem.errors[].field) next to the form's fields.
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';

/** "body.terms.refundFen" → ["terms", "refundFen"] */
function pathOf(field: string): string[] {
  return field.replace(/^(body|querystring|params|headers)\./, '').split('.').filter(Boolean);
}

/**
 * Marks the fields the problem names, when the form has them. Returns true when every field error
 * found a place, so the caller can skip repeating them in a general message.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fieldNames: readonly (string | string[])[]): boolean {
  if (!isApiError(error)) return false;
  const problem = error.problem;
  const issues = problem.errors?.length ? problem.errors : problem.field ? [{ field: problem.field, message: problem.detail }] : [];
  if (issues.length === 0) return false;
  const known = new Set(fieldNames.map((n) => (Array.isArray(n) ? n.join('.') : n)));
  let placed = 0;
  const grouped = new Map<string, string[]>();
  for (const issue of issues) {
    const path = pathOf(issue.field).join('.');
    if (!known.has(path)) continue;
    placed += 1;
    grouped.set(path, [...(grouped.get(path) ?? []), issue.message]);
  }
  form.setFields([...grouped].map(([path, errors]) => ({ name: path.split('.'), errors })));
  return placed === issues.length;
}
