// Every event of the case (who, when, from → to, why).
import { Card, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/types.ts';
import { useWord } from '../../components/Labels.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useEventDetail } from './eventDetail.ts';

/** Events that only staff should see, even when the API lists them (the SLA engine's bookkeeping included). */
const STAFF_ONLY_EVENTS = new Set([
  'internal_note_added', 'severity_escalated', 'case_reassigned', 'incident_joined', 'triage_overridden', 'triage_raised',
  'case_routed', 'case_assigned', 'case_unassigned', 'collaboration_requested', 'collaboration_answered', 'collaboration_cancelled',
]);
const staffOnly = (type: string) => STAFF_ONLY_EVENTS.has(type) || type.startsWith('sla_');
const EVENT_COLORS: Record<string, string> = {
  sla_breached: 'red', sla_warning: 'orange', sla_met: 'green', severity_escalated: 'red', return_lapsed: 'gray', evidence_request_lapsed: 'gray',
  triage_overridden: 'purple', triage_raised: 'orange', incident_joined: 'red',
};

export function TimelineCard({ detail, staff }: { detail: CaseDetail; staff: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const eventDetail = useEventDetail();
  const humanize = (type: string) => t(`event.${type}`, { defaultValue: t(`casework.event.${type}`, { defaultValue: type.replaceAll('_', ' ') }) });
  const events = detail.timeline.filter((e) => staff || !staffOnly(e.type));
  return (
    <Card title={t('case.timeline')} size="small" data-testid="case-timeline">
      {events.length === 0 ? (
        <Typography.Text type="secondary">{t('case.noEvents')}</Typography.Text>
      ) : (
        <Timeline
          items={events.map((e) => ({
            key: e.seq,
            ...(EVENT_COLORS[e.type] ? { color: EVENT_COLORS[e.type] } : {}),
            content: (
              <div data-event={e.type}>
                <Typography.Text strong>{humanize(e.type)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  · {word('role', e.actorRole)} · {formatDateTime(e.occurredAt, language)}
                </Typography.Text>
                {e.fromState && e.toState && e.fromState !== e.toState ? (
                  <div>
                    <Typography.Text type="secondary">
                      {word('state', e.fromState)} → {word('state', e.toState)}
                    </Typography.Text>
                  </div>
                ) : null}
                {staff && eventDetail(e.type, e.data) ? (
                  <div>
                    <Typography.Text type="secondary">{eventDetail(e.type, e.data)}</Typography.Text>
                  </div>
                ) : null}
                {e.reason ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {/* The system's own reason reads in the viewer's language, not as stored. */}
                    {e.type === 'platform_intervention' && e.data?.trigger === 'merchant_missed_deadline' ? t('case.interventionMissed') : e.reason}
                  </Typography.Paragraph>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
