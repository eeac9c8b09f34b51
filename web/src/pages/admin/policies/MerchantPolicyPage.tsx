// A merchant's own after-sales policy: what is in force, every version, and a new version (the API
// lets merchants publish their own, checked against the law and the platform baseline).
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe, useMerchants } from '../../../api/admin.policy.queries.ts';
import { useSignedIn } from '../../../auth/signed-in.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { Forbidden, PageHeader } from '../shared.tsx';
import { PolicyScopeView } from './PolicyScopeView.tsx';

export function MerchantPolicyPage() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const isMerchant = signedIn?.user.role === 'merchant';
  const me = useMe(isMerchant);
  // The merchants list answers a merchant with its own merchant only.
  const own = useMerchants({ q: '', page: 1, pageSize: 1 }, isMerchant);
  if (!isMerchant) return <Forbidden text={t('admin.policy.merchantOnly')} />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Skeleton active />;
  const merchantId = me.data.merchantId;
  if (!merchantId) return <Forbidden text={t('admin.policy.merchantOnly')} />;
  const name = own.data?.items.find((m) => m.id === merchantId)?.name ?? '';
  return (
    <>
      <PageHeader title={t('admin.myPolicy')} subtitle={t('admin.policy.merchantSubtitle')} />
      <PolicyScopeView scope={merchantId} name={name} canPublish />
    </>
  );
}
