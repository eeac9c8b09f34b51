// Reply templates ranked for this case (AN-5), already filled in with its values; one click puts
// one into the composer. The templates' language follows the customer unless staff pick another.
import { Button, Collapse, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSuggestedReplies } from '../../api/casework.queries.ts';
import type { SuggestedReply } from '../../api/casework.types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

const MATCH_COLORS: Record<string, string> = { exact: 'green', partial: 'blue', generic: 'default' };

function Suggestion({ item, onUse }: { item: SuggestedReply; onUse: (text: string) => void }) {
  const { t } = useTranslation();
  return (
    <List.Item
      data-testid="suggested-reply"
      actions={[
        <Button key="use" size="small" type="primary" ghost data-testid="use-suggested-reply" onClick={() => onUse(item.text)}>
          {t('reply.insert')}
        </Button>,
      ]}
    >
      <div style={{ minWidth: 0 }}>
        <Space size={4} wrap>
          <Typography.Text strong>
            {item.rank}. {item.name}
          </Typography.Text>
          <Tag color={MATCH_COLORS[item.match] ?? 'default'}>{t(`reply.match.${item.match}`, { defaultValue: item.match })}</Tag>
          {item.missing.length > 0 ? <Tag color="warning">{t('reply.missing', { names: item.missing.join(', ') })}</Tag> : null}
        </Space>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ margin: '2px 0 0', fontSize: 12, whiteSpace: 'pre-wrap' }}>
          {item.text}
        </Typography.Paragraph>
      </div>
    </List.Item>
  );
}

export function SuggestedReplies({ caseNo, onUse }: { caseNo: string; onUse: (text: string) => void }) {
  const { t } = useTranslation();
  const [locale, setLocale] = useState<'customer' | 'zh-CN' | 'en-US'>('customer');
  const query = useSuggestedReplies(caseNo, locale === 'customer' ? undefined : locale, true);
  const items = query.data?.items ?? [];
  const body = (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 4 }} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reply.suggestionsHint')}
        </Typography.Text>
        <Segmented
          size="small"
          aria-label={t('reply.language')}
          value={locale}
          onChange={(value) => setLocale(value as typeof locale)}
          options={[
            { value: 'customer', label: t('reply.customerLanguage') },
            { value: 'zh-CN', label: t('reply.zhTemplates') },
            { value: 'en-US', label: t('reply.enTemplates') },
          ]}
        />
      </Space>
      {query.isError ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <List
        size="small"
        loading={query.isPending}
        dataSource={items}
        rowKey="templateId"
        locale={{ emptyText: query.isError ? ' ' : t('reply.noSuggestions') }}
        renderItem={(item) => <Suggestion item={item} onUse={onUse} />}
      />
    </>
  );
  return (
    <Collapse
      size="small"
      defaultActiveKey={['suggestions']}
      style={{ marginTop: 12 }}
      data-testid="suggested-replies"
      items={[{ key: 'suggestions', label: `${t('reply.suggestions')}${query.data ? ` (${items.length})` : ''}`, children: body }]}
    />
  );
}
