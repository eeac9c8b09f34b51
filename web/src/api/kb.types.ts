// Shapes of the help centre's answers (src/modules/kb/kb.routes.ts).
import type { LocalizedText } from '../i18n/index.ts';

export const KB_CATEGORIES = [
  'return_process', 'logistics', 'payment', 'product_quality', 'not_as_described', 'process_error', 'service_attitude', 'privacy', 'other',
] as const;
export type KbCategory = (typeof KB_CATEGORIES)[number];

export interface KbArticleSummary {
  id: string;
  slug: string;
  locale: 'zh-CN' | 'en-US';
  category: KbCategory;
  categoryLabel: LocalizedText | null;
  title: string;
  tags: string[];
  status: 'draft' | 'published' | 'archived';
  version: number;
  publishedAt: string | null;
  updatedAt: string;
  /** In search results and suggestions: where the question's words occur. */
  excerpt?: string;
  score?: number;
}

export interface KbArticle extends KbArticleSummary {
  body: string;
}

export interface KbArticleList {
  items: KbArticleSummary[];
  total: number;
  locale: string | null;
  q: string | null;
}

export interface KbSuggestions {
  items: KbArticleSummary[];
  locale: string;
}
