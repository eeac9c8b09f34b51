// The frame of every signed-in page: navigation by role, notices, language switch, who is signed
// in, sign-out.
import { useQueryClient } from '@tanstack/react-query';
import { Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { AUDIT_ROLES } from '../api/audit.types.ts';
import { ESCALATION_ROLES } from '../api/sla.types.ts';
import { clearSignedIn, useSignedIn } from '../auth/signed-in.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const location = useLocation();
  const queryClient = useQueryClient();
  const wide = Grid.useBreakpoint().md ?? true;
  if (!signedIn) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  const customer = signedIn.user.role === 'customer';
  const items = [
    { key: '/cases', label: <Link to="/cases">{customer ? t('nav.myCases') : t('nav.cases')}</Link> },
    { key: '/orders', label: <Link to="/orders">{customer ? t('nav.myOrders') : t('nav.orders')}</Link> },
  ];
  if (customer) items.reverse();
  items.push({ key: '/help', label: <Link to="/help">{t('kb.nav')}</Link> });
  if (ESCALATION_ROLES.includes(signedIn.user.role)) {
    items.push({ key: '/escalations', label: <Link to="/escalations">{t('nav.escalations')}</Link> });
  }
  if (AUDIT_ROLES.includes(signedIn.user.role)) items.push({ key: '/audit', label: <Link to="/audit">{t('audit.nav')}</Link> });
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
          {t('app.name')} {wide ? <span style={{ fontWeight: 400, opacity: 0.75 }}>{t('app.tagline')}</span> : null}
        </Link>
        <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={items} style={{ flex: 1, minWidth: wide ? 0 : 180 }} />
        <Space size="middle">
          <NotificationBell />
          <LanguageSwitch />
          <Typography.Text style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="who">
            {wide ? signedIn.user.displayName : null} <Tag>{t(`role.${signedIn.user.role}`, { defaultValue: signedIn.user.role })}</Tag>
          </Typography.Text>
          <Button size="small" onClick={() => {
              queryClient.clear();
              clearSignedIn();
            }}>
            {t('nav.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: wide ? 24 : 12, width: '100%', maxWidth: 1320, marginInline: 'auto' }}>
        <ErrorBoundary key={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </Layout.Content>
    </Layout>
  );
}
