// The case list on a phone: one card per case (number, title, state, progress stage, the
// customer's own next deadline) instead of a wide table.
import { Card, Empty, List, Pagination, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseSummary, Page } from '../../api/types.ts';
import { KindTag, StateTag } from '../../components/Labels.tsx';
import { SlaBadge } from '../../components/SlaBadge.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { liveListSla } from '../../lib/sla.ts';

export function CaseCards(props: {
  data: Page<CaseSummary> | undefined;
  loading: boolean;
  now: number;
  page: number;
  pageSize: number;
  empty: string;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data, loading, now, page, pageSize } = props;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List<CaseSummary>
        data-testid="case-cards"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={props.empty} /> }}
        renderItem={(c) => (
          <List.Item key={c.id} style={{ padding: 0, border: 'none', marginBottom: 12 }}>
            <Link to={`/cases/${c.caseNo}`} style={{ width: '100%', color: 'inherit' }}>
              <Card size="small" hoverable title={c.caseNo} extra={<StateTag state={c.state} label={c.stateLabel} />}>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Text strong ellipsis>
                    {c.title ?? t('cases.untitled')}
                  </Typography.Text>
                  <Space wrap size={4}>
                    <KindTag kind={c.kind} />
                    <Typography.Text type="secondary">{pick(c.progressStageLabel, language)}</Typography.Text>
                  </Space>
                  {c.sla ? <SlaBadge view={liveListSla(c.sla, now)} hint={t('sla.due', { time: formatDateTime(c.sla.dueAt, language) })} /> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(c.createdAt, language)}
                  </Typography.Text>
                </Space>
              </Card>
            </Link>
          </List.Item>
        )}
      />
      {(data?.total ?? 0) > pageSize ? (
        <Pagination simple current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={props.onPage} style={{ textAlign: 'center' }} />
      ) : null}
    </Space>
  );
}
