// Hooks for the content admin pages: reply templates (server-paged, filtered, previewed) and
// help articles (server-paged, edited as new versions, published or archived).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { KbArticleInput, KbVersion, PageOf, ReplyTemplate, ReplyTemplateInput, TemplatePreview } from './admin.types.ts';
import type { KbArticle, KbArticleList } from './kb.types.ts';

export interface TemplateFilters {
  locale?: string | undefined;
  category?: string | undefined;
  kind?: string | undefined;
  state?: string | undefined;
  severity?: string | undefined;
  active?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export function useReplyTemplates(f: TemplateFilters) {
  return useQuery({
    queryKey: ['admin', 'templates', f],
    queryFn: ({ signal }) => {
      const { page, pageSize, ...rest } = f;
      return api<PageOf<ReplyTemplate>>('GET', '/api/v1/reply-templates', { query: { ...rest, limit: pageSize, offset: (page - 1) * pageSize }, signal });
    },
    placeholderData: keepPreviousData,
  });
}

export function useSaveReplyTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ReplyTemplateInput }) =>
      id
        ? api<ReplyTemplate>('PUT', `/api/v1/reply-templates/${encodeURIComponent(id)}`, { body: input })
        : api<ReplyTemplate>('POST', '/api/v1/reply-templates', { body: input }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'templates'] });
    },
  });
}

export function useTemplatePreview(input: { body: string; locale: string; caseNo?: string | undefined }) {
  return useQuery({
    queryKey: ['admin', 'template-preview', input],
    queryFn: ({ signal }) => api<TemplatePreview>('POST', '/api/v1/reply-templates/preview', { body: input, signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export interface ArticleFilters {
  locale?: string | undefined;
  category?: string | undefined;
  status: string;
  page: number;
  pageSize: number;
}

export function useAdminArticles(f: ArticleFilters) {
  return useQuery({
    queryKey: ['admin', 'kb', 'articles', f],
    queryFn: ({ signal }) =>
      api<KbArticleList>('GET', '/api/v1/kb/articles', {
        query: { locale: f.locale, category: f.category, status: f.status, limit: f.pageSize, offset: (f.page - 1) * f.pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** An article as it is now (any status) and every version that was published. */
export function useArticleVersions(id: string | null) {
  return useQuery({
    queryKey: ['admin', 'kb', 'versions', id],
    queryFn: ({ signal }) => api<{ article: KbArticle; items: KbVersion[] }>('GET', `/api/v1/kb/articles/${encodeURIComponent(id ?? '')}/versions`, { signal }),
    enabled: id !== null,
  });
}

export type ArticleSave =
  | { id: null; input: KbArticleInput & { publish: boolean } }
  | { id: string; input: KbArticleInput & { status?: 'draft' | 'published'; expectedVersion: number } };

export function useSaveArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (save: ArticleSave) =>
      save.id
        ? api<KbArticle>('PUT', `/api/v1/kb/articles/${encodeURIComponent(save.id)}`, { body: save.input })
        : api<KbArticle>('POST', '/api/v1/kb/articles', { body: save.input }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'kb'] });
      await client.invalidateQueries({ queryKey: ['kb'] });
    },
  });
}

export function useSetArticleStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'archive' }) => api<KbArticle>('POST', `/api/v1/kb/articles/${encodeURIComponent(id)}/${action}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'kb'] });
      await client.invalidateQueries({ queryKey: ['kb'] });
    },
  });
}
