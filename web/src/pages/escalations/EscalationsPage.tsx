// Supervisors' and admins' view of what needs attention: the escalation queue (cases with a
// breached SLA clock, an L1/L2 severity, or in a higher queue) and SLA compliance per channel.
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ESCALATION_ROLES } from '../../api/sla.types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { Forbidden } from '../../components/Forbidden.tsx';
import { ComplianceCard } from './ComplianceCard.tsx';
import { EscalationsTable } from './EscalationsTable.tsx';

export function EscalationsPage() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  if (!signedIn || !ESCALATION_ROLES.includes(signedIn.user.role)) return <Forbidden />;
  return (
    <Space orientation="vertical" size={24} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('escalations.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          {t('escalations.subtitle')}
        </Typography.Paragraph>
        <EscalationsTable />
      </div>
      <ComplianceCard />
    </Space>
  );
}
