// One line of detail for the SLA engine's timeline events (staff see their data): which clocks
// started, paused or were met, which one warned or breached, the severity or queue it moved to;
// triage, routing and incident events are described by eventDetail.casework.ts.
import { useTranslation } from 'react-i18next';
import type { TimelineData } from '../../api/sla.types.ts';
import { useWord } from '../../components/Labels.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCaseworkEventDetail } from './eventDetail.casework.ts';

const WITH_DUE = new Set(['sla_started', 'sla_resumed', 'sla_rescheduled']);

export function useEventDetail() {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const casework = useCaseworkEventDetail();
  return (type: string, data: TimelineData | null | undefined): string | null => {
    if (!data) return null;
    const about = casework(type, data);
    if (about !== null) return about;
    if (type === 'return_visit_logged') {
      return [word('visitOutcome', data.outcome), typeof data.rating === 'number' ? t('case.visitRating', { rating: data.rating }) : null].filter(Boolean).join(' · ');
    }
    if (type === 'parcel_trouble' && data.direction && data.status) {
      const promised = data.promisedAt ? t('case.promisedBy', { time: formatDateTime(data.promisedAt, language) }) : null;
      return [word('direction', data.direction), word('shipmentStatus', data.status), data.description ?? promised].filter(Boolean).join(' · ');
    }
    if (type === 'severity_escalated') return `${word('severity', data.from)} → ${word('severity', data.to)}`;
    if (type === 'case_reassigned') return `${word('queue', data.from)} → ${word('queue', data.to)}`;
    if ((type === 'sla_warning' || type === 'sla_breached') && data.metric) {
      return [
        word('slaMetric', data.metric),
        data.dueAt ? t('sla.due', { time: formatDateTime(data.dueAt, language) }) : null,
        data.late ? t('sla.lateFired') : null,
        data.autoOutcome ? t('sla.ifMissed', { outcome: word('autoOutcome', data.autoOutcome) }) : null,
      ]
        .filter(Boolean)
        .join(' · ');
    }
    if (type.startsWith('sla_') && Array.isArray(data.deadlines) && data.deadlines.length > 0) {
      return data.deadlines
        .map((d) => (WITH_DUE.has(type) ? t('sla.metricDue', { label: word('slaMetric', d.metric), time: formatDateTime(d.dueAt, language) }) : word('slaMetric', d.metric)))
        .join(language === 'zh-CN' ? '、' : ', ');
    }
    return null;
  };
}
