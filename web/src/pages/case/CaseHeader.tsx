// Case number, title, state, kind, severity, what was asked, and the progress stepper (EX-2);
// for staff also the queue the case sits in and who holds it.
import { Card, Descriptions, Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { KindTag, SeverityTag, StateTag, useWord } from '../../components/Labels.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { CaseFlags } from './CaseFlags.tsx';
import { LegalHoldButton } from './LegalHoldButton.tsx';
import { MaskedText } from './MaskedText.tsx';

const MONEY_OR_GOODS_KINDS: readonly string[] = ['return_refund', 'refund_only', 'exchange', 'reship', 'price_protection'];
const STEP_STATUS = { done: 'finish', current: 'process', upcoming: 'wait', stopped: 'error' } as const;

/** The steps as the server gives them (EX-2): no return step without a return, no tick on a step never taken. */
function Progress({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const title = (stage: string, status: string) => {
    if (status === 'stopped') return pick(detail.stateLabel, language);
    // A complaint, a question or a repair ends in what is done about it, not in a refund.
    if (stage === 'refund_or_replacement' && !MONEY_OR_GOODS_KINDS.includes(detail.kind)) return t('stage.resolution');
    return t(`stage.${stage}`);
  };
  return <Steps size="small" items={detail.progressSteps.map((s) => ({ title: title(s.stage, s.status), status: STEP_STATUS[s.status] }))} />;
}

export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  // The complaint grade is the platform's internal triage; the customer sees their case, not its grade.
  const role = useSignedIn()?.user.role;
  const customer = role === 'customer';
  const language = useLanguage();
  const word = useWord();
  return (
    <Card>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-no">
          {detail.caseNo}
        </Typography.Title>
        <StateTag state={detail.state} label={detail.stateLabel} />
        <KindTag kind={detail.kind} />
        {/* CL-3: a reopened case starts its steps again; say so, so the progress does not read as lost. */}
        {detail.reopenCount > 0 ? <Tag color="orange" data-testid="case-reopened">{t('case.reopened', { n: detail.reopenCount })}</Tag> : null}
        {customer ? null : <SeverityTag severity={detail.severity ?? null} />}
        <CaseFlags detail={detail} />
        {role === 'compliance' ? <LegalHoldButton detail={detail} /> : null}
      </Space>
      {detail.title ? <Typography.Title level={5} style={{ marginTop: 0 }}>{detail.title}</Typography.Title> : null}
      <div style={{ margin: '16px 0 24px' }} aria-label={t('case.progress')}>
        <Progress detail={detail} />
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'reason', label: t('case.reason'), children: word('reason', detail.reason) },
          { key: 'desired', label: t('case.desiredResolution'), children: word('desired', detail.desiredResolution) },
          { key: 'channel', label: t('case.channel'), children: word('channel', detail.channel) },
          { key: 'created', label: t('case.createdAt'), children: formatDateTime(detail.createdAt, language) },
          { key: 'updated', label: t('case.updatedAt'), children: formatDateTime(detail.updatedAt, language) },
          ...(detail.routing
            ? [
                {
                  key: 'queue',
                  label: t('routing.queue'),
                  children: <span data-testid="case-queue">{pick(detail.routing.queueName, language) || word('queue', detail.queue)}</span>,
                },
                {
                  key: 'assignee',
                  label: t('routing.assignee'),
                  children: (
                    <span data-testid="case-assignee">
                      {detail.routing.assignee?.displayName ?? <Typography.Text type="secondary">{t('routing.unassigned')}</Typography.Text>}
                    </span>
                  ),
                },
              ]
            : []),
          ...(detail.responsibility
            ? [{ key: 'resp', label: t('case.responsibility'), children: word('responsibility', detail.responsibility) }]
            : []),
          {
            key: 'description',
            label: t('case.description'),
            span: 'filled' as const,
            children: <MaskedText detail={detail} text={detail.description} masked={detail.descriptionMasked} testId="case-description" />,
          },
        ]}
      />
    </Card>
  );
}
