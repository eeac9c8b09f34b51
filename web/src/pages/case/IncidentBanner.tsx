// A case that belongs to a group complaint (TR-6) says so at the top, with a link to the incident.
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseIncident } from '../../api/casework.types.ts';

export function IncidentBanner({ incident }: { incident: CaseIncident }) {
  const { t } = useTranslation();
  return (
    <Alert
      type={incident.status === 'open' ? 'error' : 'info'}
      showIcon
      data-testid="incident-banner"
      title={t('incidents.banner', { incidentNo: incident.incidentNo, status: t(`incidents.statuses.${incident.status}`) })}
      action={
        <Link to={`/incidents/${encodeURIComponent(incident.incidentNo)}`}>
          <Button size="small">{t('incidents.open')}</Button>
        </Link>
      }
    />
  );
}
