// Orders the caller may see (customers: their own). The API gives no total, so paging is prev/next.
import { Button, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useOrders } from '../../api/queries.ts';
import type { OrderSummary } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatFen } from '../../lib/money.ts';

const PAGE_SIZE = 20;

export function OrdersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, (Number.parseInt(params.get('page') ?? '1', 10) || 1) - 1);
  const q = params.get('q') ?? '';
  const query = useOrders(page, PAGE_SIZE, q);
  const go = (next: number) => setParams({ ...(q ? { q } : {}), ...(next > 0 ? { page: String(next + 1) } : {}) });
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {signedIn?.user.role === 'customer' ? t('orders.myTitle') : t('orders.title')}
      </Typography.Title>
      <Input.Search
        allowClear
        defaultValue={q}
        placeholder={t('orders.searchPlaceholder')}
        aria-label={t('orders.searchPlaceholder')}
        onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
        style={{ maxWidth: 360, marginBottom: 16 }}
        data-testid="orders-search"
      />
      {query.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      <Table<OrderSummary>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty description={t('orders.empty')} /> }}
        onRow={(row) => ({ onClick: () => void navigate(`/orders/${encodeURIComponent(row.orderNo)}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('orders.orderNo'),
            dataIndex: 'orderNo',
            render: (orderNo: string) => <Link to={`/orders/${encodeURIComponent(orderNo)}`}>{orderNo}</Link>,
          },
          {
            title: t('orders.goods'),
            dataIndex: 'productNames',
            render: (names: string[], row: OrderSummary) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{names.length > 1 ? t('orders.goodsMore', { first: names[0], count: names.length, more: names.length - 1 }) : (names[0] ?? '—')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.merchantName}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('orders.status'), dataIndex: 'status', render: (status: string) => <Tag>{word('orderStatus', status)}</Tag> },
          { title: t('orders.placedAt'), dataIndex: 'placedAt', render: (iso: string) => formatDateTime(iso, language) },
          { title: t('orders.total'), dataIndex: 'totalFen', align: 'right', render: (fen: number) => formatFen(fen) },
        ]}
      />
      {page > 0 || query.data?.hasMore ? (
        <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
          <Button disabled={page === 0} onClick={() => go(page - 1)}>
            {t('common.previous')}
          </Button>
          <Typography.Text>{t('common.page', { page: page + 1 })}</Typography.Text>
          <Button disabled={!query.data?.hasMore} onClick={() => go(page + 1)}>
            {t('common.next')}
          </Button>
        </Space>
      ) : null}
    </>
  );
}
