// What the case header says about who may speak outside (RISK-5) and how long the case is kept
// (CL-6): media/regulator involvement, a legal hold, the retention date, a purge. Staff see these;
// the API sends nothing of it to customers.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/types.ts';
import { useLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';

export function CaseFlags({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const retention = detail.retention;
  return (
    <>
      {detail.mediaFlag ? (
        <Tooltip title={t('retention.mediaHelp')}>
          <Tag color="volcano" data-testid="media-flag">{t('retention.media')}</Tag>
        </Tooltip>
      ) : null}
      {retention?.legalHold ? (
        <Tooltip title={t('retention.legalHoldHelp', { reason: retention.legalHold.reason ?? '—' })}>
          <Tag color="purple" data-testid="legal-hold">{t('retention.legalHold')}</Tag>
        </Tooltip>
      ) : null}
      {detail.fraudFinding ? <Tag color="red" data-testid="fraud-finding">{t('case.fraudFound')}</Tag> : null}
      {detail.purgedAt ? <Tag data-testid="purged">{t('retention.purged')}</Tag> : null}
      {retention?.keepUntil && !detail.purgedAt ? <Tag>{t('retention.keepUntil', { date: formatDate(retention.keepUntil, language) })}</Tag> : null}
    </>
  );
}
