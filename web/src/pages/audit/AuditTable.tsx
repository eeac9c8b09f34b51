// One page of the audit trail, newest first; pages follow the server's cursor (no totals: the
// trail only grows). Each row shows its standing on the hash chain and expands to its detail.
import { Button, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AuditRecord, SealStatus } from '../../api/audit.types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';

const OUTCOME_COLOR: Record<string, string> = { ok: 'success', denied: 'warning', failed: 'error' };
const SEAL_COLOR: Record<SealStatus, string> = { verified: 'success', pending: 'default', broken: 'error' };
const DETAIL_STYLE = { margin: 0, padding: 8, background: '#fff', border: '1px solid #f0f0f0', borderRadius: 6, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 } as const;

export interface AuditTableProps {
  items: AuditRecord[];
  loading: boolean;
  error: unknown;
  filtered: boolean;
  page: number;
  hasNext: boolean;
  onRetry: () => void;
  onNext: () => void;
  onPrevious: () => void;
  onFirst: () => void;
}

export function AuditTable(props: AuditTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: ColumnsType<AuditRecord> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (iso: string) => formatDateTime(iso, language) },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      width: 190,
      render: (actor: AuditRecord['actor']) => (
        <Space size={4} wrap>
          <Tag>{actor.role === 'anonymous' ? t('audit.anonymous') : t(`role.${actor.role}`, { defaultValue: actor.role })}</Tag>
          {actor.label ? <Typography.Text>{actor.label}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('audit.actionColumn'), dataIndex: 'action', width: 190, render: (action: string) => <Typography.Text code>{action}</Typography.Text> },
    {
      title: t('audit.subject'),
      key: 'subject',
      ellipsis: true,
      render: (_: unknown, r) => (r.subjectType ? <Typography.Text>{`${r.subjectType}${r.subjectId ? ` · ${r.subjectId}` : ''}`}</Typography.Text> : '—'),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (outcome: string) => <Tag color={OUTCOME_COLOR[outcome] ?? 'default'}>{t(`audit.outcomes.${outcome}`, { defaultValue: outcome })}</Tag>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
    {
      title: t('audit.seal'),
      dataIndex: 'seal',
      width: 120,
      render: (seal: SealStatus, r) => (
        <Tooltip title={`${t(`audit.sealHelp.${seal}`)}${r.chainPosition ? ` ${t('audit.position', { n: r.chainPosition })}` : ''}`}>
          <Tag color={SEAL_COLOR[seal]} data-testid={`seal-${seal}`}>
            {t(`audit.seals.${seal}`)}
          </Tag>
        </Tooltip>
      ),
    },
  ];
  return (
    <>
      {props.error ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={props.error} onRetry={props.onRetry} />
        </div>
      ) : null}
      <Table<AuditRecord>
        rowKey="id"
        size="middle"
        data-testid="audit-table"
        columns={columns}
        dataSource={props.items}
        loading={props.loading}
        scroll={{ x: 1100 }}
        pagination={false}
        expandable={{
          expandedRowRender: (r) => (
            <Space orientation="vertical" size={4}>
              {r.requestId ? <Typography.Text type="secondary">{`${t('audit.requestId')}: ${r.requestId}`}</Typography.Text> : null}
              <pre style={DETAIL_STYLE}>{JSON.stringify(r.detail, null, 2)}</pre>
            </Space>
          ),
        }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.error ? false : props.filtered ? t('audit.emptyFiltered') : t('audit.empty')} />,
        }}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={props.page === 1} onClick={props.onFirst}>
          {t('audit.first')}
        </Button>
        <Button disabled={props.page === 1} onClick={props.onPrevious}>
          {t('common.previous')}
        </Button>
        <Typography.Text>{t('common.page', { page: props.page })}</Typography.Text>
        <Button disabled={!props.hasNext} onClick={props.onNext} data-testid="audit-next">
          {t('common.next')}
        </Button>
      </Space>
    </>
  );
}
