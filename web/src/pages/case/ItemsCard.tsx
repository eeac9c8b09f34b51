// The items of the case and the policy's answer for each (eligibility reasons, deadline, shipping).
import { Card, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail, ItemDecision } from '../../api/types.ts';
import { useWord } from '../../components/Labels.tsx';
import { type LocalizedText, pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatFen } from '../../lib/money.ts';

export function DecisionView({ decision }: { decision: ItemDecision }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={decision.eligible ? 'green' : 'red'}>{decision.eligible ? t('case.eligible') : t('case.notEligible')}</Tag>
        <Typography.Text strong>{word('path', decision.path)}</Typography.Text>
      </Space>
      {decision.reasons.map((reason) => (
        <Typography.Text key={reason.code} type={decision.eligible ? undefined : 'danger'}>
          {pick(reason.text, language)}
        </Typography.Text>
      ))}
      {decision.deadline ? (
        <Typography.Text type="secondary">
          {t('case.deadline')}: {formatDateTime(decision.deadline, language)}
        </Typography.Text>
      ) : null}
      {decision.returnRequired && decision.returnShippingPaidBy ? (
        <Typography.Text type="secondary">
          {t('case.returnShipping')}: {word('party', decision.returnShippingPaidBy)}
          {t('apply.returnShippingWhy', { why: word('shippingReason', decision.returnShippingReason) })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

export function ItemsCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const decisions = detail.eligibility?.items ?? [];
  return (
    <Card title={t('case.items')} size="small" data-testid="items-card">
      {detail.order ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="case-order">
          {t('case.order', {
            orderNo: detail.order.orderNo,
            placedAt: detail.order.placedAt ? formatDateTime(detail.order.placedAt, language) : '—',
            total: formatFen(detail.order.totalFen),
          })}{' '}
          <Link to={`/orders/${encodeURIComponent(detail.order.orderNo)}`}>{t('case.viewOrder')}</Link>
        </Typography.Paragraph>
      ) : null}
      {detail.items.length === 0 ? (
        <Typography.Text type="secondary">{t('case.noItems')}</Typography.Text>
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={detail.items}
          columns={[
            { title: t('case.itemName'), dataIndex: 'name' },
            { title: t('case.category'), dataIndex: 'categoryName', width: 120, render: (name: LocalizedText) => pick(name, language) },
            { title: t('case.quantity'), dataIndex: 'quantity', width: 70 },
            {
              title: t('case.paid'),
              dataIndex: 'paidFen',
              width: 150,
              // Part of a line: what the claimed units cost, with the whole line beneath.
              render: (fen: number, item: CaseDetail['items'][number]) => (
                <Space orientation="vertical" size={0}>
                  {formatFen(fen)}
                  {item.quantity < item.orderLine.quantity ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('case.ofOrderLine', { quantity: item.orderLine.quantity, total: formatFen(item.orderLine.paidFen) })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
      {decisions.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('case.eligibility')}
          </Typography.Title>
          <List
            size="small"
            dataSource={decisions}
            renderItem={(decision) => (
              <List.Item key={decision.orderItemId}>
                <DecisionView decision={decision} />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Card>
  );
}
