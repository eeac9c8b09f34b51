// The policy's answer to the request being written, before it is submitted (POST /eligibility).
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseKind, EligibilityAnswer } from '../../api/types.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';

interface Props {
  answer: EligibilityAnswer | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  onUseKind: (kind: CaseKind) => void;
}

const EXCHANGE_PATHS = new Set(['quality_exchange', 'no_reason_exchange']);

function afterReturnKey(path: string): string {
  if (EXCHANGE_PATHS.has(path)) return 'case.replaceWithin';
  return path === 'three_guarantees_replacement' ? 'case.refundOrReplaceWithin' : 'case.refundWithin';
}

export function EligibilityPreview({ answer, loading, error, onRetry, onUseKind }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  if (error) return <ProblemAlert error={error} onRetry={onRetry} />;
  const decision = answer?.items[0];
  if (!answer || !decision) return <Spin tip={t('apply.checking')}><div style={{ height: 80 }} /></Spin>;
  const description = (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Typography.Text strong>{word('path', decision.path)}</Typography.Text>
      {decision.reasons.map((reason) => (
        <Typography.Text key={reason.code}>{pick(reason.text, language)}</Typography.Text>
      ))}
      {decision.eligible && decision.deadline ? (
        <Typography.Text>
          {t('apply.deadline')}: <Typography.Text strong>{formatDateTime(decision.deadline, language)}</Typography.Text>
        </Typography.Text>
      ) : null}
      {decision.eligible ? (
        decision.returnRequired ? (
          <Typography.Text>
            {t('apply.returnShippingBy')}: <Typography.Text strong>{word('party', decision.returnShippingPaidBy)}</Typography.Text>
            {t('apply.returnShippingWhy', { why: word('shippingReason', decision.returnShippingReason) })}
          </Typography.Text>
        ) : (
          <Typography.Text>{t('apply.noReturn')}</Typography.Text>
        )
      ) : null}
      {/* POL-6: what follows the return's arrival, and by when; nothing when nothing goes back. */}
      {decision.eligible && decision.returnRequired && decision.refund.withinDays > 0 ? (
        <Typography.Text type="secondary">
          {t(afterReturnKey(decision.path), { days: decision.refund.withinDays, unit: word('dayType', decision.refund.dayType) })}
        </Typography.Text>
      ) : null}
      {decision.advisedKind ? (
        <Space wrap>
          <Typography.Text>{t('apply.advised', { kind: word('kind', decision.advisedKind) })}</Typography.Text>
          <Button size="small" onClick={() => decision.advisedKind && onUseKind(decision.advisedKind)}>
            {t('apply.useAdvised', { kind: word('kind', decision.advisedKind) })}
          </Button>
        </Space>
      ) : null}
    </Space>
  );
  return (
    <Spin spinning={loading}>
      <Alert
        data-testid="eligibility"
        type={decision.eligible ? 'success' : 'error'}
        showIcon
        title={decision.eligible ? t('apply.eligible') : t('apply.notEligible')}
        description={description}
      />
    </Spin>
  );
}
