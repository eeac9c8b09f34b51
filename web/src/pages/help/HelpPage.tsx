// The help centre (IN-6): published answers by topic, and a search that understands Chinese
// questions ("退货运费谁出"); each answer opens on its own page.
import { Button, Card, Empty, Input, List, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useKbArticles } from '../../api/kb.queries.ts';
import { KB_CATEGORIES, type KbArticleSummary } from '../../api/kb.types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

const PAGE_SIZE = 10;

export function articleLink(a: Pick<KbArticleSummary, 'slug' | 'locale'>): string {
  return `/help/${encodeURIComponent(a.slug)}?locale=${a.locale}`;
}

export function HelpPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const category = params.get('category') ?? undefined;
  const page = Math.max(0, (Number.parseInt(params.get('page') ?? '1', 10) || 1) - 1);
  const q = useDebounced(typed, 300);
  const query = useKbArticles({ q, category, locale: language, page, pageSize: PAGE_SIZE });

  const update = (next: { q?: string; category?: string | undefined; page?: number }) => {
    const merged = { q: next.q ?? typed, category: 'category' in next ? next.category : category, page: next.page ?? 0 };
    const out: Record<string, string> = {};
    if (merged.q.trim()) out.q = merged.q.trim();
    if (merged.category) out.category = merged.category;
    if (merged.page > 0) out.page = String(merged.page + 1);
    setParams(out, { replace: true });
  };
  const total = query.data?.total ?? 0;
  const searching = q.trim() !== '';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>{t('kb.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('kb.subtitle')}</Typography.Text>
      </div>
      <Space wrap style={{ width: '100%' }}>
        <Input.Search
          allowClear
          size="large"
          aria-label={t('common.search')}
          placeholder={t('kb.searchPlaceholder')}
          value={typed}
          maxLength={200}
          style={{ width: 480, maxWidth: '90vw' }}
          onChange={(e) => {
            setTyped(e.target.value);
            if (page > 0) update({ q: e.target.value });
          }}
          onSearch={(value) => update({ q: value })}
        />
        <Select
          allowClear
          size="large"
          aria-label={t('kb.allCategories')}
          placeholder={t('kb.allCategories')}
          style={{ width: 200 }}
          value={category}
          onChange={(value?: string) => update({ category: value })}
          options={KB_CATEGORIES.map((c) => ({ value: c, label: t(`kb.category.${c}`) }))}
        />
      </Space>
      {query.isError ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Card size="small">
          <List<KbArticleSummary>
            data-testid="kb-articles"
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            header={searching && total > 0 ? <Typography.Text type="secondary">{t('kb.results', { count: total })}</Typography.Text> : undefined}
            locale={{ emptyText: <Empty description={searching ? t('kb.noResults', { q: q.trim() }) : t('kb.empty')} /> }}
            renderItem={(a) => (
              <List.Item key={a.id} extra={<Tag>{t(`kb.category.${a.category}`, { defaultValue: a.category })}</Tag>}>
                <List.Item.Meta
                  title={<Link to={articleLink(a)}>{a.title}</Link>}
                  description={a.excerpt ?? (a.tags.length > 0 ? a.tags.join(' · ') : null)}
                />
              </List.Item>
            )}
          />
          {page > 0 || (page + 1) * PAGE_SIZE < total ? (
            <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
              <Button disabled={page === 0} onClick={() => update({ page: page - 1 })}>{t('common.previous')}</Button>
              <Typography.Text>{t('common.page', { page: page + 1 })}</Typography.Text>
              <Button disabled={(page + 1) * PAGE_SIZE >= total} onClick={() => update({ page: page + 1 })}>{t('common.next')}</Button>
            </Space>
          ) : null}
        </Card>
      )}
    </Space>
  );
}
