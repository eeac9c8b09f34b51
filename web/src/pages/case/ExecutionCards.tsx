// Execution: tasks, refunds, who bears what (ledger) and shipments.
import { Card, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Shipment, ShipmentTraceEvent, Task } from '../../api/types.ts';
import { taskName, useWord } from '../../components/Labels.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatFen } from '../../lib/money.ts';

type LedgerRow = { entryType: string; instrument: string; points: number | null };

/** "补偿 · 积分 500": compensation names how it is given (cash, coupon, points). */
function entryName(line: LedgerRow, word: ReturnType<typeof useWord>): string {
  const name = word('entryType', line.entryType);
  if (line.entryType !== 'compensation') return name;
  return `${name} · ${word('instrument', line.instrument)}${line.points ? ` ${line.points}` : ''}`;
}

const STATUS_COLORS: Record<string, string> = { open: 'blue', done: 'green', succeeded: 'green', executed: 'green', failed: 'red', pending: 'gold', planned: 'default', cancelled: 'default' };

function StatusTag({ group, status }: { group: string; status: string }) {
  const word = useWord();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{word(group, status)}</Tag>;
}

export function TasksCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  return (
    <Card title={t('case.tasks')} size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.tasks}
        locale={{ emptyText: t('case.noTasks') }}
        columns={[
          { title: t('case.taskType'), key: 'name', render: (_: unknown, task: Task) => taskName(task, word) },
          { title: t('case.owner'), dataIndex: 'ownerRole', render: (role: string) => word('role', role) },
          { title: t('case.due'), dataIndex: 'dueAt', render: (iso: string | null) => formatDateTime(iso, language) },
          { title: t('case.status'), dataIndex: 'status', render: (status: string) => <StatusTag group="taskStatus" status={status} /> },
        ]}
        expandable={{
          rowExpandable: (task) => Boolean(task.verification || task.proof),
          expandedRowRender: (task) => (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.verification ? `${t('case.verification')}: ${task.type === 'plan_step' ? task.verification : word('taskVerification', task.type)}` : ''}
              {task.proof ? ` · ${t('case.proof')}: ${Object.values(task.proof).filter(Boolean).join(' / ')}` : ''}
            </Typography.Text>
          ),
        }}
      />
    </Card>
  );
}

export function MoneyCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  return (
    <Card title={t('case.refunds')} size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.refunds}
        locale={{ emptyText: t('case.noRefunds') }}
        columns={[
          { title: t('case.amount'), dataIndex: 'amountFen', render: (fen: number) => formatFen(fen) },
          { title: t('case.status'), dataIndex: 'status', render: (status: string) => <StatusTag group="refundStatus" status={status} /> },
          { title: t('case.providerRef'), dataIndex: 'providerRef', ellipsis: true, render: (ref: string | null) => ref ?? '—' },
          { title: t('case.createdAt'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso, language) },
        ]}
      />
      {!detail.ledger && detail.paymentsToCustomer.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('case.otherPayments')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={detail.paymentsToCustomer}
            data-testid="payments-to-customer"
            columns={[
              { title: t('case.entryType'), key: 'entryType', render: (_: unknown, line: LedgerRow) => entryName(line, word) },
              { title: t('case.amount'), dataIndex: 'amountFen', render: (fen: number) => formatFen(fen) },
              { title: t('case.status'), dataIndex: 'status', render: (status: string) => <StatusTag group="ledgerStatus" status={status} /> },
            ]}
          />
        </>
      ) : null}
      {detail.ledger ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('case.ledger')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={detail.ledger}
            locale={{ emptyText: t('case.noLedger') }}
            columns={[
              { title: t('case.entryType'), key: 'entryType', render: (_: unknown, line: LedgerRow) => entryName(line, word) },
              { title: t('case.amount'), dataIndex: 'amountFen', render: (fen: number) => formatFen(fen) },
              { title: t('case.borneBy'), dataIndex: 'borneBy', render: (party: string) => word('party', party) },
              { title: t('case.paidTo'), dataIndex: 'paidTo', render: (party: string) => word('party', party) },
              { title: t('case.status'), dataIndex: 'status', render: (status: string) => <StatusTag group="ledgerStatus" status={status} /> },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

/** The carrier's reports on one parcel, newest first, as a tracking page shows them (查物流). */
function TraceTimeline({ events }: { events: ShipmentTraceEvent[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  if (events.length === 0) return <Typography.Text type="secondary">{t('case.noTrace')}</Typography.Text>;
  return (
    <Timeline
      items={events.map((e, index) => ({
        color: e.status === 'exception' || e.status === 'lost' ? 'red' : index === 0 ? 'blue' : 'gray',
        children: (
          <>
            <Typography.Text strong={index === 0}>{e.description ?? word('shipmentStatus', e.status)}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {formatDateTime(e.occurredAt, language)}
              {e.location ? ` · ${e.location}` : ''}
            </Typography.Text>
          </>
        ),
      }))}
    />
  );
}

const TROUBLE = new Set(['exception', 'lost']);

/**
 * The case's parcels and the order's delivery: one row each (what, which carrier and number, where
 * it stands), the carrier's reports unfolding below. Narrow enough for the side column.
 */
export function ShipmentsCard({ shipments }: { shipments: Shipment[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  return (
    <Card title={t('case.shipments')} size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={shipments}
        locale={{ emptyText: t('case.noShipments') }}
        expandable={{
          expandedRowRender: (s: Shipment) => <TraceTimeline events={s.events} />,
          // A parcel in trouble shows what the carrier said without a click.
          defaultExpandedRowKeys: shipments.filter((s) => TROUBLE.has(s.status) || s.delayed).map((s) => s.id),
        }}
        columns={[
          {
            title: t('case.direction'),
            key: 'parcel',
            render: (_: unknown, s: Shipment) => (
              <>
                {word('direction', s.direction)} {s.ofCase ? <Tag>{t('case.parcelOfCase')}</Tag> : null}
                <br />
                <Typography.Text type="secondary">
                  {s.carrier ?? '—'} {s.trackingNo ?? ''}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('case.status'),
            key: 'status',
            render: (_: unknown, s: Shipment) => (
              <>
                <Tag color={TROUBLE.has(s.status) || s.delayed ? 'red' : s.status === 'delivered' ? 'green' : 'blue'}>{word('shipmentStatus', s.status)}</Tag>
                {s.delayed ? <Tag color="red">{t('case.late')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('case.when'),
            key: 'when',
            render: (_: unknown, s: Shipment) => (
              <Typography.Text style={{ whiteSpace: 'nowrap' }}>
                {t('case.shippedAt')} {formatDateTime(s.shippedAt, language)}
                <br />
                {s.deliveredAt || !s.estimatedDeliveryAt
                  ? `${t('case.deliveredAt')} ${formatDateTime(s.deliveredAt, language)}`
                  : `${t('case.estimatedDelivery')} ${formatDateTime(s.estimatedDeliveryAt, language)}`}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
