// Reply templates, filtered by language, category, kind, state, severity, on/off and words, a page at a
// time from the server (filters and page live in the address). New and edit open the editor.
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type TemplateFilters, useReplyTemplates } from '../../../api/admin.content.queries.ts';
import { type ReplyTemplate, UI_LANGUAGES } from '../../../api/admin.types.ts';
import { KB_CATEGORIES } from '../../../api/kb.types.ts';
import { CASE_KINDS, CASE_STATES, SEVERITIES } from '../../../api/types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useWord } from '../../../components/Labels.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { PageHeader, pageFromParams, useOptions } from '../shared.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

const PAGE_SIZES = [10, 20, 50];
const FILTERS = ['locale', 'category', 'kind', 'state', 'severity', 'active', 'q'] as const;

export function TemplatesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const options = useOptions();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = pageFromParams(params, PAGE_SIZES, 20);
  const filters: TemplateFilters = { page, pageSize, ...Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) };
  const templates = useReplyTemplates(filters);
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);
  const [q, setQ] = useState(params.get('q') ?? '');
  const filtered = FILTERS.some((f) => params.get(f));

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const filter = (name: (typeof FILTERS)[number], placeholder: string, choices: { value: string; label: string }[], width = 150) => (
    <Select
      allowClear
      placeholder={placeholder}
      aria-label={placeholder}
      style={{ width }}
      value={params.get(name) ?? undefined}
      onChange={(v: string | undefined) => set({ [name]: v })}
      options={choices}
    />
  );

  const columns: ColumnsType<ReplyTemplate> = [
    {
      title: t('admin.templates.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <div>
          <Typography.Text strong>{name}</Typography.Text> {row.slug ? <Tag>{t('admin.templates.builtIn')}</Tag> : null}
          <div>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 460, fontSize: 12 }}>
              {row.body}
            </Typography.Text>
          </div>
          {row.unknownVariables.length > 0 ? <Tag color="red">{t('admin.templates.unknownVariables', { names: row.unknownVariables.join(', ') })}</Tag> : null}
        </div>
      ),
    },
    { title: t('admin.templates.locale'), dataIndex: 'locale', width: 80, render: (l: string) => t(`admin.locale.${l}`) },
    { title: t('admin.templates.category'), dataIndex: 'category', width: 120, render: (c: string | null) => (c ? t(`admin.category.${c}`, { defaultValue: c }) : t('admin.templates.anyValue')) },
    { title: t('admin.templates.kind'), dataIndex: 'kind', width: 110, render: (k: string | null) => (k ? word('kind', k) : t('admin.templates.anyValue')) },
    { title: t('admin.templates.state'), dataIndex: 'state', width: 110, render: (s: string | null) => (s ? word('state', s) : t('admin.templates.anyValue')) },
    { title: t('admin.templates.severity'), dataIndex: 'severity', width: 120, render: (s: string | null) => (s ? word('severity', s) : t('admin.templates.anyValue')) },
    {
      title: t('admin.templates.active'),
      dataIndex: 'active',
      width: 70,
      render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? t('admin.common.active') : t('admin.common.inactive')}</Tag>,
    },
    {
      title: t('admin.common.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (iso: string, row) => (
        <div style={{ fontSize: 12 }}>
          {formatDateTime(iso, language)}
          <div>
            <Typography.Text type="secondary">{`v${row.version}`}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('admin.common.actions'),
      key: 'edit',
      width: 80,
      render: (_: unknown, row) => (
        <Button size="small" onClick={() => setEditing(row)}>
          {t('admin.common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('admin.templates.title')}
        subtitle={t('admin.templates.subtitle')}
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="template-new">
            {t('admin.templates.newTemplate')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('admin.templates.search')}
          aria-label={t('admin.templates.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 220 }}
        />
        {filter('locale', t('admin.templates.locale'), options('admin.locale', UI_LANGUAGES), 110)}
        {filter('category', t('admin.templates.category'), options('admin.category', KB_CATEGORIES))}
        {filter('kind', t('admin.templates.kind'), options('kind', CASE_KINDS))}
        {filter('state', t('admin.templates.state'), options('state', CASE_STATES), 170)}
        {filter('severity', t('admin.templates.severity'), options('severity', SEVERITIES), 160)}
        {filter('active', t('admin.templates.active'), [
          { value: 'true', label: t('admin.common.active') },
          { value: 'false', label: t('admin.common.inactive') },
        ], 100)}
      </Space>
      {templates.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={templates.error} onRetry={() => void templates.refetch()} />
        </div>
      ) : null}
      <Table<ReplyTemplate>
        rowKey="id"
        size="small"
        data-testid="templates"
        columns={columns}
        dataSource={templates.data?.items ?? []}
        loading={templates.isFetching}
        scroll={{ x: 1000 }}
        locale={{ emptyText: templates.isError ? ' ' : filtered ? t('admin.common.emptyFiltered') : t('admin.common.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: templates.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (count) => t('common.total', { count }),
          onChange: (nextPage, nextSize) => set({ page: nextPage > 1 && nextSize === pageSize ? String(nextPage) : undefined, size: nextSize !== 20 ? String(nextSize) : undefined }),
        }}
      />
      {editing ? <TemplateEditor template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
