// A department user's home: the requests the after-sales team asked their department, in three
// tabs (to answer, late, answered), with the due time, a red mark when late, the case to open and
// the answer form. Staff see every department's requests here, with a department filter.
import { Badge, Button, Empty, Result, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { STAFF_ROLES } from '../../api/types.ts';
import { useCollaborations, useMe } from '../../api/users.queries.ts';
import { type CollaborationRequest, DEPARTMENTS, MANAGER_ROLES } from '../../api/users.types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useNow } from '../../lib/useNow.ts';
import { AnswerModal } from './AnswerModal.tsx';
import { RequestDue, RequestStateTag } from './RequestDue.tsx';
import { onServerClock } from '../../lib/serverClock.ts';

const TABS = ['open', 'late', 'answered'] as const;
type Tab = (typeof TABS)[number];
const PAGE_SIZES = [10, 20, 50];

function Asker({ request }: { request: CollaborationRequest }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = request.askedBy.role === 'system' ? t('collab.system') : (request.askedBy.displayName ?? t(`role.${request.askedBy.role}`));
  return (
    <div style={{ lineHeight: 1.3 }}>
      <div>{name}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(request.askedAt, language)}
      </Typography.Text>
    </div>
  );
}

export function CollaborationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const signedIn = useSignedIn();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [answering, setAnswering] = useState<CollaborationRequest | null>(null);
  const now = useNow(30_000);
  const role = signedIn?.user.role;
  const department = role === 'department';
  const staff = role ? STAFF_ROLES.includes(role) : false;
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'open';
  const departmentFilter = staff ? (params.get('department') ?? undefined) : undefined;
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = useCollaborations({
    ...(tab === 'late' ? { late: true, status: 'open' as const } : { status: tab }),
    department: departmentFilter,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });

  // How many wait and how many are late, whatever tab is shown (one row each: only the totals count).
  const openCount = useCollaborations({ status: 'open', department: departmentFilter, limit: 1, offset: 0 }).data?.total;
  const lateCount = useCollaborations({ status: 'open', late: true, department: departmentFilter, limit: 1, offset: 0 }).data?.total;

  if (!department && !staff) {
    return (
      <Result
        status="403"
        title={t('errors.forbiddenTitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.home')}</Button>
          </Link>
        }
      />
    );
  }
  const canAnswer = department || (role ? MANAGER_ROLES.includes(role) : false);
  const go = (next: { tab?: Tab; department?: string | undefined; page?: number; size?: number }) => {
    const search = new URLSearchParams();
    const nextTab = next.tab ?? tab;
    if (nextTab !== 'open') search.set('tab', nextTab);
    const dept = 'department' in next ? next.department : departmentFilter;
    if (dept) search.set('department', dept);
    if ((next.page ?? 1) > 1) search.set('page', String(next.page));
    const size = next.size ?? pageSize;
    if (size !== 20) search.set('size', String(size));
    setParams(search);
  };

  const ownLabel = me.data?.department ? t(`dept.${me.data.department}`, { defaultValue: me.data.department }) : '';
  const columns: ColumnsType<CollaborationRequest> = [
    {
      title: t('collab.caseNo'),
      dataIndex: 'caseNo',
      width: 180,
      // A department reads a case only while its request is open (the API's rule).
      render: (caseNo: string, r) =>
        r.status === 'open' || staff ? (
          <Link to={`/cases/${encodeURIComponent(caseNo)}`}>{caseNo}</Link>
        ) : (
          <Typography.Text title={t('collab.caseHidden')}>{caseNo}</Typography.Text>
        ),
    },
    ...(staff
      ? [{ title: t('collab.department'), dataIndex: 'departmentLabel', width: 110, render: (label: CollaborationRequest['departmentLabel']) => pick(label, language) }]
      : []),
    {
      title: t('collab.question'),
      dataIndex: 'question',
      render: (question: string, r) => (
        <div>
          <Typography.Paragraph style={{ marginBottom: r.answer ? 6 : 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
            {question}
          </Typography.Paragraph>
          {r.answer ? (
            <Typography.Paragraph type="success" style={{ marginBottom: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="collab-answer">
              {t('collab.answerLine', { answer: r.answer })}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    },
    { title: t('collab.askedBy'), key: 'askedBy', width: 170, render: (_: unknown, r) => <Asker request={r} /> },
    {
      title: tab === 'answered' ? t('collab.status') : t('collab.due'),
      key: 'due',
      width: 200,
      render: (_: unknown, r) =>
        tab === 'answered' ? (
          <div style={{ lineHeight: 1.3 }}>
            <RequestStateTag request={r} />
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('collab.answeredBy', { name: r.answeredBy?.displayName ?? '—', time: formatDateTime(r.answeredAt, language) })}
              </Typography.Text>
            </div>
          </div>
        ) : (
          <RequestDue request={r} fetchedAt={onServerClock(query.dataUpdatedAt)} now={now} />
        ),
    },
    ...(canAnswer && tab !== 'answered'
      ? [
          {
            title: '',
            key: 'action',
            width: 90,
            render: (_: unknown, r: CollaborationRequest) => (
              <Button type="primary" size="small" onClick={() => setAnswering(r)}>
                {t('collab.answerButton')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const empty = { open: t('collab.emptyOpen'), late: t('collab.emptyLate'), answered: t('collab.emptyAnswered') }[tab];

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {department && ownLabel ? t('collab.departmentTitle', { department: ownLabel }) : t('collab.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{department ? t('collab.departmentSubtitle') : t('collab.staffSubtitle')}</Typography.Paragraph>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Tabs
          activeKey={tab}
          onChange={(key) => go({ tab: key as Tab })}
          items={TABS.map((key) => {
            const count = key === 'open' ? openCount : key === 'late' ? lateCount : undefined;
            return {
              key,
              label: (
                <Space size={6}>
                  {t(`collab.tab${key.charAt(0).toUpperCase()}${key.slice(1)}`)}
                  {count ? <Badge count={count} color={key === 'late' ? 'red' : 'blue'} data-testid={`collab-count-${key}`} /> : null}
                </Space>
              ),
            };
          })}
          style={{ marginBottom: 0 }}
        />
        {staff ? (
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('collab.allDepartments')}
            aria-label={t('collab.department')}
            value={departmentFilter}
            options={DEPARTMENTS.map((d) => ({ value: d, label: t(`dept.${d}`) }))}
            onChange={(value?: string) => go({ department: value })}
          />
        ) : null}
      </Space>
      {query.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      <Table<CollaborationRequest>
        rowKey="id"
        size="middle"
        data-testid="collab-inbox"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: staff ? 1000 : 880 }}
        rowClassName={(r) => (r.status === 'open' && r.late ? 'collab-late-row' : '')}
        onRow={(r) => ({ style: r.status === 'open' && r.late ? { background: '#fff1f0' } : {} })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query.isError ? false : empty} /> }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (count) => t('common.total', { count }),
          onChange: (nextPage, nextSize) => go({ page: nextSize !== pageSize ? 1 : nextPage, size: nextSize }),
        }}
      />
      {answering ? <AnswerModal request={answering} onClose={() => setAnswering(null)} /> : null}
    </>
  );
}
