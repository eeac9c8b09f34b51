// Help articles for admins: every status, filtered by language, category and status a page at a
// time from the server; write a new one, edit one (each save is a new version), publish or
// unpublish it, and read its version history.
import { App, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAdminArticles, useSetArticleStatus } from '../../../api/admin.content.queries.ts';
import { KB_STATUSES, UI_LANGUAGES } from '../../../api/admin.types.ts';
import { KB_CATEGORIES, type KbArticleSummary } from '../../../api/kb.types.ts';
import { ProblemAlert, problemText } from '../../../components/ProblemAlert.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { PageHeader, pageFromParams, useOptions } from '../shared.tsx';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ArticleVersions } from './ArticleVersions.tsx';

const PAGE_SIZES = [10, 20, 50];
const STATUS_COLORS: Record<string, string> = { draft: 'default', published: 'green', archived: 'orange' };

export function KbAdminPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const options = useOptions();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = pageFromParams(params, PAGE_SIZES, 20);
  const locale = params.get('locale') ?? undefined;
  const category = params.get('category') ?? undefined;
  const status = params.get('status') ?? 'all';
  const articles = useAdminArticles({ locale, category, status, page, pageSize });
  const setStatus = useSetArticleStatus();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [history, setHistory] = useState<string | null>(null);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const toggle = (row: KbArticleSummary) => {
    const action = row.status === 'published' ? 'archive' : 'publish';
    setStatus.mutate(
      { id: row.id, action },
      {
        onSuccess: () => void message.success(action === 'publish' ? t('admin.kb.publishedDone') : t('admin.kb.archivedDone')),
        onError: (error) => void message.error(problemText(error)),
      },
    );
  };

  const columns: ColumnsType<KbArticleSummary> = [
    {
      title: t('admin.kb.articleTitle'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <div>
          <Typography.Text strong>{title}</Typography.Text>
          <div>
            <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
              {row.slug}
            </Typography.Text>
            {row.tags.slice(0, 4).map((tag) => (
              <Tag key={tag} style={{ marginInlineStart: 4 }}>
                {tag}
              </Tag>
            ))}
          </div>
        </div>
      ),
    },
    { title: t('admin.kb.locale'), dataIndex: 'locale', width: 80, render: (l: string) => t(`admin.locale.${l}`) },
    { title: t('admin.kb.category'), dataIndex: 'category', width: 120, render: (c: string) => t(`admin.category.${c}`, { defaultValue: c }) },
    {
      title: t('admin.kb.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: string, row) => (
        <Space size={4}>
          <Tag color={STATUS_COLORS[s]}>{t(`admin.kb.statusLabel.${s}`)}</Tag>
          <Typography.Text type="secondary" data-testid="kb-version">{`v${row.version}`}</Typography.Text>
        </Space>
      ),
    },
    { title: t('admin.kb.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (iso: string) => formatDateTime(iso, language) },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      width: 230,
      render: (_: unknown, row) => (
        <Space size={4}>
          <Button size="small" onClick={() => setEditing(row.id)}>
            {t('admin.common.edit')}
          </Button>
          <Button size="small" onClick={() => setHistory(row.id)}>
            {t('admin.kb.versions')}
          </Button>
          <Popconfirm
            title={row.status === 'published' ? t('admin.kb.archive') : t('admin.kb.publish')}
            onConfirm={() => toggle(row)}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
          >
            <Button size="small" danger={row.status === 'published'}>
              {row.status === 'published' ? t('admin.kb.archive') : t('admin.kb.publish')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('admin.kb.title')}
        subtitle={t('admin.kb.subtitle')}
        extra={
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('admin.kb.newArticle')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('admin.kb.locale')} aria-label={t('admin.kb.locale')} style={{ width: 110 }} value={locale} onChange={(v: string | undefined) => set({ locale: v })} options={options('admin.locale', UI_LANGUAGES)} />
        <Select allowClear placeholder={t('admin.kb.category')} aria-label={t('admin.kb.category')} style={{ width: 160 }} value={category} onChange={(v: string | undefined) => set({ category: v })} options={options('admin.category', KB_CATEGORIES)} />
        <Select
          aria-label={t('admin.kb.status')}
          style={{ width: 130 }}
          value={status}
          onChange={(v: string) => set({ status: v === 'all' ? undefined : v })}
          options={[{ value: 'all', label: t('admin.common.all') }, ...options('admin.kb.statusLabel', KB_STATUSES)]}
        />
      </Space>
      {articles.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={articles.error} onRetry={() => void articles.refetch()} />
        </div>
      ) : null}
      <Table<KbArticleSummary>
        rowKey="id"
        size="small"
        data-testid="kb-articles"
        columns={columns}
        dataSource={articles.data?.items ?? []}
        loading={articles.isFetching}
        scroll={{ x: 1000 }}
        locale={{ emptyText: articles.isError ? ' ' : locale || category || status !== 'all' ? t('admin.common.emptyFiltered') : t('admin.common.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: articles.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (count) => t('common.total', { count }),
          onChange: (nextPage, nextSize) => set({ page: nextPage > 1 && nextSize === pageSize ? String(nextPage) : undefined, size: nextSize !== 20 ? String(nextSize) : undefined }),
        }}
      />
      {editing ? <ArticleEditor id={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {history ? <ArticleVersions id={history} onClose={() => setHistory(null)} /> : null}
    </>
  );
}
