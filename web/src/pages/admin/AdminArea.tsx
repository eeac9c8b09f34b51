// The admin area: its own section menu above each admin page (policies, SLA, routing, reply
// templates, help articles), with the users and the audit trail beside them; only admins get in.
import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { AdminOnly } from './shared.tsx';

export const ADMIN_SECTIONS = ['policies', 'sla', 'routing', 'templates', 'kb'] as const;

export function AdminArea() {
  const { t } = useTranslation();
  const location = useLocation();
  const selected = ADMIN_SECTIONS.filter((s) => location.pathname.startsWith(`/admin/${s}`));
  return (
    <AdminOnly>
      <Menu
        mode="horizontal"
        data-testid="admin-sections"
        selectedKeys={[...selected]}
        items={[
          ...ADMIN_SECTIONS.map((s) => ({ key: s, label: <Link to={`/admin/${s}`}>{t(`admin.section.${s}`)}</Link> })),
          { key: 'users', label: <Link to="/users">{t('usersNav.users')}</Link> },
          { key: 'audit', label: <Link to="/audit">{t('audit.nav')}</Link> },
        ]}
        style={{ marginBottom: 20, background: 'transparent' }}
      />
      <Outlet />
    </AdminOnly>
  );
}
