// Negotiation history: each plan or counter-offer with its terms in yuan, basis and answer.
import { Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Offer, Terms } from '../../api/types.ts';
import { useWord } from '../../components/Labels.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatFen } from '../../lib/money.ts';
import { serverNow } from '../../lib/serverClock.ts';

const MONEY_TERMS = ['refundFen', 'couponFen', 'cashFen', 'fraudCompensationFen'] as const;
const FLAG_TERMS = ['returnRequired', 'keepItem', 'replacement', 'repair', 'reshipParts', 'apology'] as const;
const OFFER_COLORS: Record<string, string> = { awaiting_handler: 'gold', accepted: 'green', rejected: 'red', declined: 'red', open: 'blue', pending_approval: 'purple', countered: 'orange' };

/**
 * An open offer waits on whoever did not make it: the customer's own counter-offer waits on the
 * handlers. One past its answer window is shown as expired, as the API will treat it.
 */
function shownStatus(offer: { status: string; proposerRole: string; expiresAt: string | null }): string {
  if (offer.status !== 'open') return offer.status;
  if (offer.expiresAt && new Date(offer.expiresAt).getTime() <= serverNow()) return 'expired';
  return offer.proposerRole === 'customer' ? 'awaiting_handler' : 'open';
}

export function TermsView({ terms }: { terms: Terms | null }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  for (const key of MONEY_TERMS) {
    const fen = terms?.[key];
    if (fen) parts.push(`${t(`terms.${key}`)} ${formatFen(fen)}`);
  }
  if (terms?.pointsAwarded) parts.push(`${t('terms.pointsAwarded')} ${terms.pointsAwarded}`);
  if (terms?.extendedWarrantyMonths) parts.push(`${t('terms.extendedWarrantyMonths')} ${terms.extendedWarrantyMonths}`);
  const flags = FLAG_TERMS.filter((key) => terms?.[key]);
  if (parts.length === 0 && flags.length === 0) return <Typography.Text type="secondary">{t('case.noTerms')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {parts.map((p) => (
        <Tag key={p} color="volcano">
          {p}
        </Tag>
      ))}
      {flags.map((key) => (
        <Tag key={key}>{t(`terms.${key}`)}</Tag>
      ))}
    </Space>
  );
}

function OfferView({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const items = [
    { key: 'terms', label: t('case.terms'), children: <TermsView terms={offer.terms} /> },
    ...(offer.responsibility ? [{ key: 'resp', label: t('case.responsibility'), children: word('responsibility', offer.responsibility) }] : []),
    ...(offer.basis ? [{ key: 'basis', label: t('case.basis'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{t(`path.${offer.basis}`, { defaultValue: offer.basis })}</span> }] : []),
    ...(offer.goodwillReason ? [{ key: 'goodwill', label: t('case.goodwillReason'), children: offer.goodwillReason }] : []),
    ...(offer.steps && offer.steps.length > 0
      ? [{
          key: 'steps',
          label: t('case.steps'),
          children: (
            <ol style={{ margin: 0, paddingInlineStart: 18 }}>
              {offer.steps.map((step, index) => (
                <li key={index}>
                  {t('case.step', { task: step.task, owner: word('role', step.ownerRole), hours: step.dueInHours, verification: step.verification })}
                </li>
              ))}
            </ol>
          ),
        }]
      : []),
    ...(offer.expiresAt && ['open', 'pending_approval'].includes(offer.status)
      ? [{ key: 'expires', label: t('case.expiresAt'), children: formatDateTime(offer.expiresAt, language) }]
      : []),
    ...(offer.answerReason ? [{ key: 'answer', label: t('case.answerReason'), children: offer.answerReason }] : []),
  ];
  return (
    <div style={{ width: '100%' }}>
      <Space wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('case.revision', { n: offer.revision + 1 })}</Typography.Text>
        <Typography.Text>{word('planType', offer.planType)}</Typography.Text>
        <Tag color={OFFER_COLORS[shownStatus(offer)] ?? 'default'}>{word('offerStatus', shownStatus(offer))}</Tag>
        {offer.fraudFound ? <Tag color="red" data-testid="offer-fraud-found">{t('case.fraudFound')}</Tag> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('case.proposer')}: {word('role', offer.proposerRole)} · {formatDateTime(offer.createdAt, language)}
        </Typography.Text>
      </Space>
      <Descriptions size="small" column={1} items={items} />
    </div>
  );
}

export function OffersCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('case.offers')} size="small">
      <List
        size="small"
        dataSource={[...detail.offers].sort((a, b) => b.revision - a.revision || b.createdAt.localeCompare(a.createdAt))}
        locale={{ emptyText: t('case.noOffers') }}
        renderItem={(offer) => (
          <List.Item key={offer.id}>
            <OfferView offer={offer} />
          </List.Item>
        )}
      />
    </Card>
  );
}
