// One order: items (each with "Apply for after-sales"), payments, shipments and the order's cases.
import { Button, Card, Descriptions, Result, Skeleton, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useCases, useOrder } from '../../api/queries.ts';
import { FILING_ROLES, type OrderItem, type OrderPayment } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { StateTag, KindTag, useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type LocalizedText, pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatFen } from '../../lib/money.ts';
import { ShipmentsCard } from '../case/ExecutionCards.tsx';
import { AddressCard } from './AddressCard.tsx';

function OrderCases({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const query = useCases({ orderNo, limit: 20, offset: 0 });
  return (
    <Card title={t('orders.casesForOrder')} size="small">
      {query.isError ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        locale={{ emptyText: t('orders.noCases') }}
        columns={[
          { title: t('cases.caseNo'), dataIndex: 'caseNo', render: (caseNo: string) => <Link to={`/cases/${caseNo}`}>{caseNo}</Link> },
          { title: t('cases.kind'), dataIndex: 'kind', render: (kind: string) => <KindTag kind={kind} /> },
          { title: t('cases.state'), dataIndex: 'state', render: (_: string, row) => <StateTag state={row.state} label={row.stateLabel} /> },
          { title: t('cases.createdAt'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso, language) },
        ]}
      />
    </Card>
  );
}

/** VER-3: what was paid, how, when and under which reference, to check a double charge against. */
function PaymentsCard({ payments }: { payments: OrderPayment[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card title={t('orders.payments')} size="small" data-testid="order-payments">
      <Table<OrderPayment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={payments}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('orders.noPayments') }}
        columns={[
          { title: t('orders.paymentMethod'), dataIndex: 'method' },
          { title: t('orders.paymentAmount'), dataIndex: 'amountFen', render: (fen: number) => formatFen(fen) },
          { title: t('orders.paidAt'), dataIndex: 'paidAt', render: (iso: string) => formatDateTime(iso, language) },
          { title: t('orders.paymentReference'), dataIndex: 'reference', render: (ref: string | null) => ref ?? '—' },
        ]}
      />
    </Card>
  );
}

export function OrderPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const { orderNo = '' } = useParams();
  const signedIn = useSignedIn();
  const query = useOrder(orderNo);
  const canFile = signedIn ? FILING_ROLES.includes(signedIn.user.role) : false;

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return <Result status="404" title={orderNo} subTitle={t('orders.notFound')} extra={<Link to="/orders"><Button>{t('common.back')}</Button></Link>} />;
    }
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const order = query.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={`${t('orders.orderNo')} ${order.orderNo}`} extra={<Tag>{word('orderStatus', order.status)}</Tag>}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'placed', label: t('orders.placedAt'), children: formatDateTime(order.placedAt, language) },
            { key: 'total', label: t('orders.total'), children: formatFen(order.totalFen) },
            { key: 'shipping', label: t('orders.shipping'), children: formatFen(order.shippingFen) },
            { key: 'insurance', label: t('orders.shippingInsurance'), children: order.shippingInsurance ? t('common.yes') : t('common.no') },
          ]}
        />
      </Card>
      <Card title={t('orders.items')} size="small">
        <Table<OrderItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={order.items}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('case.itemName'),
              dataIndex: 'name',
              width: 180,
              render: (name: string, item) => (
                <Space size={4} wrap>
                  {name}
                  {item.flags.map((flag) => (
                    <Tag key={flag} color="orange">
                      {word('flag', flag)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            // On a phone the name, what was paid and the way to apply come first; the rest from a tablet up.
            { title: t('case.category'), dataIndex: 'categoryName', width: 120, responsive: ['sm'], render: (name: LocalizedText) => pick(name, language) },
            { title: t('case.quantity'), dataIndex: 'quantity', width: 70 },
            { title: t('orders.unitPrice'), dataIndex: 'unitPriceFen', width: 110, responsive: ['sm'], render: (fen: number) => formatFen(fen) },
            { title: t('case.paid'), dataIndex: 'paidFen', width: 110, render: (fen: number) => formatFen(fen) },
            {
              title: t('orders.warranty'),
              dataIndex: 'warrantyMonths',
              width: 100,
              responsive: ['sm'],
              render: (months: number | null) => (months ? t('orders.warrantyMonths', { n: months }) : '—'),
            },
            ...(canFile
              ? [
                  {
                    key: 'apply',
                    width: 120,
                    fixed: 'right' as const,
                    render: (_: unknown, item: OrderItem) => (
                      <Link to={`/orders/${encodeURIComponent(order.orderNo)}/apply/${item.id}`}>
                        <Button size="small" type="primary">
                          {t('orders.apply')}
                        </Button>
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <AddressCard order={order} canChange={canFile} onBehalf={signedIn?.user.role !== 'customer'} />
      {order.payments ? <PaymentsCard payments={order.payments} /> : null}
      <ShipmentsCard shipments={order.shipments} />
      <OrderCases orderNo={order.orderNo} />
    </Space>
  );
}
