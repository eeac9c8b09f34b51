// The case's customer (CRM-1, RISK-2): contact details as the caller's role may see them, ID and
// bank card numbers masked. Compliance can reveal one field at a time, giving a reason; the clear
// value lives only in this component's state and the reveal is recorded in the audit trail.
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerCard } from '../../api/audit.queries.ts';
import type { PiiField, ShownValue } from '../../api/audit.types.ts';
import type { CaseDetail } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { Link } from 'react-router';
import { useWord } from '../../components/Labels.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { RevealModal } from './RevealModal.tsx';

const LABEL: Record<PiiField, string> = { phone: 'phone', email: 'email', address: 'address', idNumber: 'idNumber', bankCard: 'bankCard' };

export function CustomerCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const word = useWord();
  const language = useLanguage();
  const signedIn = useSignedIn();
  // Collaborating departments never see customers.
  const enabled = Boolean(signedIn && (signedIn.user.role as string) !== 'department' && detail.customerId);
  const query = useCustomerCard(detail.customerId, enabled);
  const [revealed, setRevealed] = useState<Partial<Record<PiiField, string>>>({});
  const [asking, setAsking] = useState<PiiField | null>(null);
  if (!enabled) return null;

  const card = query.data;
  const value = (field: PiiField, shown: ShownValue | null | undefined) => {
    if (!shown) return <Typography.Text type="secondary">{t('customerCard.none')}</Typography.Text>;
    const clear = revealed[field];
    if (clear !== undefined) {
      return (
        <Space size={4} wrap>
          <Typography.Text strong data-testid={`customer-${field}-clear`}>
            {clear}
          </Typography.Text>
          <Tag color="warning">{t('customerCard.revealed')}</Tag>
          <Button size="small" type="link" onClick={() => setRevealed(({ [field]: _gone, ...rest }) => rest)}>
            {t('customerCard.hide')}
          </Button>
        </Space>
      );
    }
    return (
      <Space size={4} wrap>
        <Typography.Text data-testid={`customer-${field}`}>{shown.value}</Typography.Text>
        {shown.masked ? <Tag>{t('customerCard.masked')}</Tag> : null}
        {card?.revealable.includes(field) ? (
          <Button size="small" type="link" data-testid={`reveal-${field}`} onClick={() => setAsking(field)}>
            {t('customerCard.reveal')}
          </Button>
        ) : null}
      </Space>
    );
  };

  return (
    <Card title={t('customerCard.title')} size="small" data-testid="customer-card" loading={query.isPending}>
      {query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : card ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('customerCard.name')}>
            {card.name} <Tag>{t(`customerCard.tiers.${card.tier}`, { defaultValue: card.tier })}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('customerCard.phone')}>{value('phone', card.phone)}</Descriptions.Item>
          <Descriptions.Item label={t('customerCard.email')}>{value('email', card.email)}</Descriptions.Item>
          <Descriptions.Item label={t('customerCard.address')}>{value('address', card.address)}</Descriptions.Item>
          <Descriptions.Item label={t('customerCard.idNumber')}>{value('idNumber', card.idNumber)}</Descriptions.Item>
          <Descriptions.Item label={t('customerCard.bankCard')}>
            {card.refundAccount ? (
              <Space orientation="vertical" size={0}>
                <Typography.Text type="secondary">{[card.refundAccount.bankName, card.refundAccount.holderName].filter(Boolean).join(' · ')}</Typography.Text>
                {value('bankCard', card.refundAccount.cardNumber)}
              </Space>
            ) : (
              value('bankCard', null)
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('customerCard.history')}>
            <Space orientation="vertical" size={2} data-testid="customer-history">
              <Typography.Text>{t('customerCard.historySummary', { orders: card.history.orders, cases: card.history.casesLast90Days })}</Typography.Text>
              {card.history.latestCases
                .filter((c) => c.caseNo !== detail.caseNo)
                .slice(0, 5)
                .map((c) => (
                  <Typography.Text key={c.caseNo} type="secondary" style={{ fontSize: 12 }}>
                    <Link to={`/cases/${c.caseNo}`}>{c.caseNo}</Link> · {word('kind', c.kind)} · {word('state', c.state)} · {formatDate(c.createdAt, language)}
                  </Typography.Text>
                ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('customerCard.notFound')}</Typography.Text>
      )}
      {asking ? (
        <RevealModal
          customerId={detail.customerId}
          caseNo={detail.caseNo}
          target={{ field: asking }}
          title={t('customerCard.revealTitle', { field: t(`customerCard.${LABEL[asking]}`) })}
          onClose={() => setAsking(null)}
          onRevealed={(clear) => {
            setRevealed((r) => ({ ...r, [asking]: clear }));
            setAsking(null);
          }}
        />
      ) : null}
    </Card>
  );
}
