// The frame of every signed-in page: navigation by role, notices, language switch, who is signed
// in (a link to "My account"), sign-out.
import { Grid, Layout, Menu, Skeleton, Space, Spin, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { DASHBOARD_ROLES } from '../api/reports.queries.ts';
import { AUDIT_ROLES } from '../api/audit.types.ts';
import { ESCALATION_ROLES } from '../api/sla.types.ts';
import { INCIDENT_LIST_ROLES } from '../api/casework.types.ts';
import { useSignInState } from '../auth/signed-in.ts';
import { SignOutButton } from '../pages/account/SignOutButton.tsx';
import { STAFF_ROLES } from '../api/types.ts';
import { casesHome } from '../pages/cases/ViewsBar.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const state = useSignInState();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  // The tagline only where the menu keeps room for every item (the English labels are longer).
  const roomy = screens.xxl ?? false;
  if (state.status === 'checking') {
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description={t('common.loading')} />
      </div>
    );
  }
  if (state.status === 'signed-out') return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  const { signedIn } = state;
  const customer = signedIn.user.role === 'customer';
  const items = [
    { key: '/cases', label: <Link to={casesHome(signedIn.user.role)}>{customer ? t('nav.myCases') : t('nav.cases')}</Link> },
    { key: '/orders', label: <Link to="/orders">{customer ? t('nav.myOrders') : t('nav.orders')}</Link> },
  ];
  if (customer) items.reverse();
  const collaborations = { key: '/collaborations', label: <Link to="/collaborations">{t('usersNav.collaborations')}</Link> };
  if (signedIn.user.role === 'department') {
    // A collaborating department works its requests first and reads the cases it is asked about; no orders.
    items.splice(1, 1);
    items.unshift(collaborations);
  } else if (STAFF_ROLES.includes(signedIn.user.role)) {
    items.push(collaborations);
  }
  // An admin reaches the help centre's articles, users and the audit trail from the admin area.
  const admin = signedIn.user.role === 'admin';
  if (!admin) items.push({ key: '/help', label: <Link to="/help">{t('kb.nav')}</Link> });
  if (customer) items.push({ key: '/policy', label: <Link to="/policy">{t('publicPolicy.nav')}</Link> });
  if ((DASHBOARD_ROLES as readonly string[]).includes(signedIn.user.role)) {
    items.push({ key: '/dashboard', label: <Link to="/dashboard">{t('dashboard.nav')}</Link> });
  }
  if (ESCALATION_ROLES.includes(signedIn.user.role)) {
    items.push({ key: '/escalations', label: <Link to="/escalations">{t('nav.escalations')}</Link> });
  }
  if (INCIDENT_LIST_ROLES.includes(signedIn.user.role)) {
    items.push({ key: '/incidents', label: <Link to="/incidents">{t('incidents.nav')}</Link> });
  }
  if (admin) items.push({ key: '/admin', label: <Link to="/admin">{t('admin.nav')}</Link> });
  if (signedIn.user.role === 'merchant') items.push({ key: '/my-policy', label: <Link to="/my-policy">{t('admin.myPolicy')}</Link> });
  if (!admin && AUDIT_ROLES.includes(signedIn.user.role)) items.push({ key: '/audit', label: <Link to="/audit">{t('audit.nav')}</Link> });
  const selected = items.map((i) => i.key).filter((key) => location.pathname.startsWith(key));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          flexWrap: wide ? 'nowrap' : 'wrap',
          alignItems: 'center',
          columnGap: 16,
          paddingInline: wide ? 24 : 12,
          height: 'auto',
          minHeight: 64,
          lineHeight: '64px',
        }}
      >
        <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.name')} {roomy ? <span style={{ fontWeight: 400, opacity: 0.75 }}>{t('app.tagline')}</span> : null}
        </Link>
        <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={items} style={{ flex: 1, minWidth: wide ? 0 : 180 }} />
        <Space size="middle">
          <NotificationBell />
          <LanguageSwitch />
          <Link to="/account" title={t('account.title')} style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text style={{ color: '#fff' }} data-testid="who">
              {wide ? signedIn.user.displayName : null} <Tag>{t(`role.${signedIn.user.role}`, { defaultValue: signedIn.user.role })}</Tag>
            </Typography.Text>
          </Link>
          <SignOutButton />
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: wide ? 24 : 12, width: '100%', maxWidth: 1320, marginInline: 'auto' }}>
        <ErrorBoundary key={location.pathname}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </Layout.Content>
    </Layout>
  );
}
