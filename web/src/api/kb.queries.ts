// Hooks for the help centre: published articles (searchable), one article, answers suggested
// while a customer describes a problem, and "did this solve it" answers (deflections).
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { KbArticle, KbArticleList, KbSuggestions } from './kb.types.ts';
import type { CaseKind } from './types.ts';

export function useKbArticles(filters: { q: string; category: string | undefined; locale: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['kb', 'articles', filters],
    queryFn: ({ signal }) =>
      api<KbArticleList>('GET', '/api/v1/kb/articles', {
        // A question is searched in the language it is written in (the API guesses from the text and
        // the UI language); a plain listing shows the UI language's articles.
        query: { q: filters.q.trim() || undefined, category: filters.category, locale: filters.q.trim() ? undefined : filters.locale, limit: filters.pageSize, offset: filters.page * filters.pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useKbArticle(slug: string, locale: string) {
  return useQuery({
    queryKey: ['kb', 'article', slug, locale],
    queryFn: ({ signal }) => api<KbArticle>('GET', `/api/v1/kb/articles/${encodeURIComponent(slug)}`, { query: { locale }, signal }),
  });
}

/** Suggested answers for a description (debounced by the caller); nothing is asked for a short text. */
export function useKbSuggestions(text: string, kind: CaseKind | undefined) {
  const trimmed = text.trim();
  return useQuery({
    queryKey: ['kb', 'suggest', trimmed, kind],
    queryFn: ({ signal }) => api<KbSuggestions>('POST', '/api/v1/kb/suggest', { body: { text: trimmed, ...(kind ? { kind } : {}) }, signal }),
    enabled: trimmed.length >= 2,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export interface DeflectionInput {
  articleId: string;
  query: string;
  solved: boolean;
}

export function useRecordDeflection() {
  return useMutation({
    mutationFn: (input: DeflectionInput) => api<{ id: string }>('POST', '/api/v1/kb/deflections', { body: { ...input, query: input.query.slice(0, 2000), channel: 'web' } }),
  });
}
