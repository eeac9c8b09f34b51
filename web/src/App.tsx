import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, Route, Routes } from 'react-router';
import { useSignedIn } from './auth/signed-in.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { PublicLayout } from './components/PublicLayout.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { CasePage } from './pages/case/CasePage.tsx';
import { CasesPage } from './pages/cases/CasesPage.tsx';
import { EscalationsPage } from './pages/escalations/EscalationsPage.tsx';
import { HelpArticlePage } from './pages/help/HelpArticlePage.tsx';
import { HelpPage } from './pages/help/HelpPage.tsx';
import { ApplyPage } from './pages/orders/ApplyPage.tsx';
import { OrderPage } from './pages/orders/OrderPage.tsx';
import { OrdersPage } from './pages/orders/OrdersPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';

function Home() {
  const signedIn = useSignedIn();
  return <Navigate to={signedIn?.user.role === 'customer' ? '/orders' : '/cases'} replace />;
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
        </Route>
        <Route element={<AppLayout />}>
          <Route index element={<Home />} />
          <Route path="cases" element={<CasesPage />} />
          <Route path="cases/:caseNo" element={<CasePage />} />
          <Route path="escalations" element={<EscalationsPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="orders/:orderNo" element={<OrderPage />} />
          <Route path="orders/:orderNo/apply/:itemId" element={<ApplyPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
