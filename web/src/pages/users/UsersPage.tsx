// Admins' user management: the users, filtered and paginated by the server (filters kept in the
// URL), with creating, editing, deactivating and reactivating.
import { App, Button, Empty, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useUpdateUser, useUserOptions, useUsers } from '../../api/users.queries.ts';
import { DEPARTMENTS, MANAGED_ROLES, type User } from '../../api/users.types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert, problemText } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { UserFormModal } from './UserFormModal.tsx';

const PAGE_SIZES = [10, 20, 50, 100];
const FILTER_KEYS = ['role', 'department', 'merchantId', 'status', 'q'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

function Scope({ user }: { user: User }) {
  const language = useLanguage();
  if (user.departmentLabel) return <Tag color="geekblue">{pick(user.departmentLabel, language)}</Tag>;
  if (user.merchant) return <Typography.Text>{user.merchant.name}</Typography.Text>;
  return <Typography.Text type="secondary">—</Typography.Text>;
}

export function UsersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { modal, message } = App.useApp();
  const signedIn = useSignedIn();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const filters: Filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]));
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const admin = signedIn?.user.role === 'admin';
  const query = useUsers({ ...filters, limit: pageSize, offset: (page - 1) * pageSize });
  const update = useUpdateUser();
  const [merchantSearch, setMerchantSearch] = useState('');
  const merchantOptions = useUserOptions(useDebounced(merchantSearch, 250) || undefined);

  if (!admin) {
    return (
      <Result
        status="403"
        title={t('errors.forbiddenTitle')}
        subTitle={t('users.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.home')}</Button>
          </Link>
        }
      />
    );
  }
  const selfId = signedIn.user.id;

  const go = (next: Filters, nextPage = 1, nextSize = pageSize) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    if (nextPage > 1) search.set('page', String(nextPage));
    if (nextSize !== 20) search.set('size', String(nextSize));
    setParams(search);
  };

  const setActive = (user: User, active: boolean) => {
    const run = () =>
      update.mutateAsync({ id: user.id, change: { active } }).then(
        () => void message.success(t(active ? 'users.reactivatedDone' : 'users.deactivatedDone', { name: user.displayName })),
        (error: unknown) => void message.error(problemText(error)),
      );
    if (active) return void run();
    modal.confirm({
      title: t('users.deactivateTitle', { name: user.displayName }),
      content: (
        <>
          <Typography.Paragraph>{t('users.deactivateText')}</Typography.Paragraph>
          {user.openCases > 0 ? <Typography.Paragraph type="warning">{t('users.openCasesWarning', { count: user.openCases })}</Typography.Paragraph> : null}
        </>
      ),
      okText: t('users.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const columns: ColumnsType<User> = [
    {
      title: t('users.name'),
      dataIndex: 'displayName',
      width: 200,
      ellipsis: true,
      render: (name: string, user) => (
        <>
          {name} {user.id === selfId ? <Typography.Text type="secondary">{t('users.you')}</Typography.Text> : null}
        </>
      ),
    },
    { title: t('users.email'), dataIndex: 'email', ellipsis: true },
    { title: t('users.role'), dataIndex: 'role', width: 140, render: (role: string) => <Tag>{t(`role.${role}`, { defaultValue: role })}</Tag> },
    { title: t('users.scope'), key: 'scope', width: 180, ellipsis: true, render: (_: unknown, user) => <Scope user={user} /> },
    {
      title: t('users.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) => (active ? <Tag color="success">{t('users.active')}</Tag> : <Tag color="default">{t('users.deactivated')}</Tag>),
    },
    { title: t('users.openCases'), dataIndex: 'openCases', width: 110, align: 'right' },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 150, render: (iso: string) => formatDateTime(iso, language) },
    {
      title: t('users.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(user)}>
            {t('users.edit')}
          </Button>
          {user.id === selfId ? null : user.active ? (
            <Button type="link" size="small" danger onClick={() => setActive(user, false)}>
              {t('users.deactivate')}
            </Button>
          ) : (
            <Button type="link" size="small" onClick={() => setActive(user, true)}>
              {t('users.reactivate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const filtered = FILTER_KEYS.some((key) => filters[key]);
  const select = (key: 'role' | 'department' | 'status', label: string, options: { value: string; label: string }[], width: number) => (
    <Select
      allowClear
      style={{ width }}
      placeholder={label}
      aria-label={label}
      data-testid={`users-filter-${key}`}
      value={filters[key]}
      options={options}
      onChange={(value?: string) => go({ ...filters, [key]: value })}
    />
  );

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }} wrap>
        <div>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('users.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('users.subtitle')}</Typography.Paragraph>
        </div>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('users.create')}
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        {select('role', t('users.allRoles'), [...MANAGED_ROLES, 'customer'].map((r) => ({ value: r, label: t(`role.${r}`) })), 160)}
        {select('department', t('users.allDepartments'), DEPARTMENTS.map((d) => ({ value: d, label: t(`dept.${d}`) })), 160)}
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('users.merchant')}
          aria-label={t('users.merchant')}
          value={filters.merchantId}
          showSearch={{ filterOption: false, onSearch: setMerchantSearch }}
          loading={merchantOptions.isFetching}
          options={(merchantOptions.data?.merchants ?? []).map((m) => ({ value: m.id, label: m.name }))}
          onChange={(value?: string) => go({ ...filters, merchantId: value })}
        />
        {select('status', t('users.allStatuses'), [{ value: 'active', label: t('users.active') }, { value: 'deactivated', label: t('users.deactivated') }], 140)}
        <Input.Search
          key={filters.q ?? ''}
          allowClear
          style={{ width: 280 }}
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          defaultValue={filters.q}
          maxLength={200}
          onSearch={(q) => go({ ...filters, q: q.trim() || undefined })}
        />
        {filtered ? <Button onClick={() => go({})}>{t('common.resetFilters')}</Button> : null}
      </Space>
      {query.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      <Table<User>
        rowKey="id"
        size="middle"
        data-testid="users-table"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 1180 }}
        locale={{ emptyText: <Empty description={query.isError ? false : filtered ? t('users.emptyFiltered') : t('users.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (count) => t('common.total', { count }),
          onChange: (nextPage, nextSize) => go(filters, nextSize !== pageSize ? 1 : nextPage, nextSize),
        }}
      />
      {editing ? <UserFormModal user={editing === 'new' ? null : editing} selfId={selfId} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
