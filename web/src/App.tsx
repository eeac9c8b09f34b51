import { Button, Result } from 'antd';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, Route, Routes } from 'react-router';
import { useSignedIn } from './auth/signed-in.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { PublicLayout } from './components/PublicLayout.tsx';
import { AccountPage } from './pages/account/AccountPage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { CasePage } from './pages/case/CasePage.tsx';
import { CasesPage } from './pages/cases/CasesPage.tsx';
import { CollaborationsPage } from './pages/collaborations/CollaborationsPage.tsx';
import { EscalationsPage } from './pages/escalations/EscalationsPage.tsx';
import { HelpArticlePage } from './pages/help/HelpArticlePage.tsx';
import { HelpPage } from './pages/help/HelpPage.tsx';
import { PolicyPage } from './pages/help/PolicyPage.tsx';
import { IncidentPage } from './pages/incidents/IncidentPage.tsx';
import { IncidentsPage } from './pages/incidents/IncidentsPage.tsx';
import { ApplyPage } from './pages/orders/ApplyPage.tsx';
import { OrderPage } from './pages/orders/OrderPage.tsx';
import { OrdersPage } from './pages/orders/OrdersPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { adminRoutes } from './pages/admin/routes.tsx';
import { casesHome } from './pages/cases/ViewsBar.tsx';

// Pages with heavy dependencies (charts) load when first opened.
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
import { UsersPage } from './pages/users/UsersPage.tsx';

function Home() {
  const signedIn = useSignedIn();
  const role = signedIn?.user.role;
  // A department user's work is the requests to their department.
  return <Navigate to={role === 'customer' ? '/orders' : role === 'department' ? '/collaborations' : role ? casesHome(role) : '/cases'} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.home')}</Button>
        </Link>
      }
    />
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route element={<PublicLayout />}>
          <Route path="help" element={<HelpPage />} />
          <Route path="help/:slug" element={<HelpArticlePage />} />
          <Route path="policy" element={<PolicyPage />} />
        </Route>
        <Route element={<AppLayout />}>
          <Route index element={<Home />} />
          <Route path="cases" element={<CasesPage />} />
          <Route path="cases/:caseNo" element={<CasePage />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="escalations" element={<EscalationsPage />} />
          <Route path="incidents" element={<IncidentsPage />} />
          <Route path="incidents/:incidentNo" element={<IncidentPage />} />
          <Route path="collaborations" element={<CollaborationsPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="orders/:orderNo" element={<OrderPage />} />
          <Route path="orders/:orderNo/apply/:itemId" element={<ApplyPage />} />
          <Route path="account" element={<AccountPage />} />
          {adminRoutes()}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
