// The case's customer (CRM-1, RISK-2): contact details as the caller's role may see them, ID and
// bank card numbers masked. Compliance can reveal one field at a time, giving a reason; the clear
// value lives only in this component's state and the reveal is recorded in the audit trail.
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerCard, useReveal } from '../../api/audit.queries.ts';
import { type PiiField, REVEAL_REASON_MIN, type ShownValue } from '../../api/audit.types.ts';
import type { CaseDetail } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { Link } from 'react-router';
import { useWord } from '../../components/Labels.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';

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
          field={asking}
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

function RevealModal(props: { customerId: string; caseNo: string; field: PiiField; onClose: () => void; onRevealed: (value: string) => void }) {
  const { t } = useTranslation();
  const reveal = useReveal(props.customerId);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const { reason } = await form.validateFields();
    const result = await reveal.mutateAsync({ field: props.field, reason: reason.trim(), caseNo: props.caseNo });
    props.onRevealed(result.value);
  };
  return (
    <Modal
      open
      title={t('customerCard.revealTitle', { field: t(`customerCard.${LABEL[props.field]}`) })}
      okText={t('customerCard.reveal')}
      cancelText={t('common.cancel')}
      confirmLoading={reveal.isPending}
      onCancel={props.onClose}
      onOk={() => void submit().catch(() => undefined)}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('customerCard.revealIntro')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('customerCard.reason')}
          rules={[
            { required: true, whitespace: true, message: t('customerCard.reasonTooShort', { min: REVEAL_REASON_MIN }) },
            { min: REVEAL_REASON_MIN, message: t('customerCard.reasonTooShort', { min: REVEAL_REASON_MIN }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('customerCard.reasonPlaceholder', { min: REVEAL_REASON_MIN })} data-testid="reveal-reason" />
        </Form.Item>
      </Form>
      {reveal.isError ? <ProblemAlert error={reveal.error} /> : null}
    </Modal>
  );
}
