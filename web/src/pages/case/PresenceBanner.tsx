// Warns when someone else is editing the case (or just has it open), so two handlers do not
// answer the customer at once. Following the case live also refreshes it when it changes.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseLive } from '../../api/live.ts';

export function PresenceBanner({ caseNo, announce }: { caseNo: string; announce: boolean }) {
  const { t } = useTranslation();
  const others = useCaseLive(caseNo, announce);
  // Only handlers see who else works the case; a customer's page just follows it live.
  if (!announce || others.length === 0) return null;
  const editors = others.filter((p) => p.editing).map((p) => p.displayName);
  const viewers = others.filter((p) => !p.editing).map((p) => p.displayName);
  const separator = t('live.separator');
  return (
    <Alert
      data-testid="presence-banner"
      type={editors.length > 0 ? 'warning' : 'info'}
      showIcon
      title={
        editors.length > 0
          ? t('live.editing', { names: editors.join(separator), count: editors.length })
          : t('live.viewing', { names: viewers.join(separator), count: viewers.length })
      }
      description={editors.length > 0 && viewers.length > 0 ? t('live.viewing', { names: viewers.join(separator), count: viewers.length }) : undefined}
    />
  );
}
