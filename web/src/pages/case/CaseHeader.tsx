// Case number, title, state, kind, severity, what was asked, and the progress stepper (EX-2);
// for staff also the queue the case sits in and who holds it.
import { Card, Descriptions, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CaseDetail, PROGRESS_STAGES } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { KindTag, SeverityTag, StateTag, useWord } from '../../components/Labels.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { CaseFlags } from './CaseFlags.tsx';

const STOPPED = ['rejected', 'withdrawn', 'merged'];

function Progress({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const current = PROGRESS_STAGES.indexOf(detail.progressStage);
  const stopped = STOPPED.includes(detail.state);
  const finished = detail.progressStage === 'done' && !stopped;
  return (
    <Steps
      size="small"
      current={current}
      status={stopped ? 'error' : finished ? 'finish' : 'process'}
      items={PROGRESS_STAGES.map((stage) => ({
        title: stage === 'done' && stopped ? pick(detail.stateLabel, language) : t(`stage.${stage}`),
      }))}
    />
  );
}

export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  // The complaint grade is the platform's internal triage; the customer sees their case, not its grade.
  const customer = useSignedIn()?.user.role === 'customer';
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
        {customer ? null : <SeverityTag severity={detail.severity ?? null} />}
        <CaseFlags detail={detail} />
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
            children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{detail.description}</Typography.Paragraph>,
          },
        ]}
      />
    </Card>
  );
}
