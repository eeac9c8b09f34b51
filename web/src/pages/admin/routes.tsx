// The admin area's routes, loaded on first visit (admins only need this code), and the merchant's
// own policy page. App.tsx places them inside the signed-in layout.
import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route } from 'react-router';

const AdminArea = lazy(() => import('./AdminArea.tsx').then((m) => ({ default: m.AdminArea })));
const PoliciesPage = lazy(() => import('./policies/PoliciesPage.tsx').then((m) => ({ default: m.PoliciesPage })));
const MerchantPolicyPage = lazy(() => import('./policies/MerchantPolicyPage.tsx').then((m) => ({ default: m.MerchantPolicyPage })));
const SlaPage = lazy(() => import('./sla/SlaPage.tsx').then((m) => ({ default: m.SlaPage })));
const RoutingPage = lazy(() => import('./routing/RoutingPage.tsx').then((m) => ({ default: m.RoutingPage })));
const TemplatesPage = lazy(() => import('./templates/TemplatesPage.tsx').then((m) => ({ default: m.TemplatesPage })));
const KbAdminPage = lazy(() => import('./kb/KbAdminPage.tsx').then((m) => ({ default: m.KbAdminPage })));

const loading = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);
const later = (page: ReactNode) => <Suspense fallback={loading}>{page}</Suspense>;

/** Called as a function inside <Routes> (a component would not be read as routes). */
export function adminRoutes() {
  return (
    <>
      <Route path="admin" element={later(<AdminArea />)}>
        <Route index element={<Navigate to="policies" replace />} />
        <Route path="policies" element={later(<PoliciesPage />)} />
        <Route path="sla" element={later(<SlaPage />)} />
        <Route path="routing" element={later(<RoutingPage />)} />
        <Route path="templates" element={later(<TemplatesPage />)} />
        <Route path="kb" element={later(<KbAdminPage />)} />
      </Route>
      <Route path="my-policy" element={later(<MerchantPolicyPage />)} />
    </>
  );
}
