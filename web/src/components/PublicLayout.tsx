// The frame of public pages (the help centre): no sign-in needed; offers the console to a
// signed-in user and sign-in to everyone else.
import { Button, Grid, Layout, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useSignedIn } from '../auth/signed-in.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function PublicLayout() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const location = useLocation();
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', columnGap: 16, paddingInline: wide ? 24 : 12 }}>
        <Link to="/help" style={{ color: '#fff', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', flex: 1 }}>
          {t('app.name')} {wide ? <span style={{ fontWeight: 400, opacity: 0.75 }}>{t('kb.title')}</span> : null}
        </Link>
        <Space size={wide ? 'middle' : 'small'}>
          <Link to="/policy" style={{ color: '#fff', whiteSpace: 'nowrap' }}>
            {wide ? t('publicPolicy.nav') : t('publicPolicy.navShort')}
          </Link>
          <LanguageSwitch />
          {signedIn ? (
            <Link to="/">
              {/* A customer's console is their orders, not a workplace. */}
              <Button size="small">{signedIn.user.role === 'customer' ? t('kb.myOrders') : wide ? t('kb.console') : t('kb.consoleShort')}</Button>
            </Link>
          ) : (
            <Link to="/sign-in" state={{ from: '/' }}>
              <Button size="small" type="primary">{t('kb.signIn')}</Button>
            </Link>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: wide ? 24 : 12, width: '100%', maxWidth: 960, marginInline: 'auto' }}>
        <ErrorBoundary key={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </Layout.Content>
    </Layout>
  );
}
