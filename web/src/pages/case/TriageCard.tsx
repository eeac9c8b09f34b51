// Why the case is graded as it is (TR-1, TR-2, TR-5, TR-7): category, severity, emotion, priority
// and the suggested kind, each with the rules or model signals that decided it and the words that
// fired them; staff who may retriage override it here (the override lands on the timeline).
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRIAGE_FIELDS, type TriageField, type TriageReason } from '../../api/casework.types.ts';
import { CASE_KINDS, type CaseDetail } from '../../api/types.ts';
import { SeverityTag, useWord } from '../../components/Labels.tsx';
import { type LocalizedText, pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { TriageOverrideModal } from './TriageOverrideModal.tsx';

const PRIORITY_COLORS: Record<string, string> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'default' };

// A rule that keys on the request's kind matched its code (return_refund): shown by its name.
const KIND_CODES: ReadonlySet<string> = new Set(CASE_KINDS);

function Reason({ reason }: { reason: TriageReason }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  return (
    <div data-testid="triage-reason" data-field={reason.field} data-rule={reason.rule} style={{ fontSize: 12, lineHeight: 1.6 }}>
      <Typography.Text code style={{ fontSize: 11 }}>
        {reason.rule}
      </Typography.Text>{' '}
      <Typography.Text type="secondary">{pick(reason.text, language)}</Typography.Text>
      {reason.matched && reason.matched.length > 0 ? (
        <span>
          {' '}
          <Typography.Text type="secondary">{t('triage.matched')}:</Typography.Text>{' '}
          {reason.matched.map((matched) => (
            <Tag key={matched} color="gold" style={{ marginInlineEnd: 4, fontSize: 11 }}>
              {KIND_CODES.has(matched) ? word('kind', matched) : matched}
            </Tag>
          ))}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Severity raised after the triage was recorded — by a group complaint (TR-6) or a missed SLA
 * clock — is on the timeline, not in the triage record: shown under severity with its rule, so
 * the card never shows L1 with only the intake's "routine" reason. An override resets the record.
 */
function useLaterEscalations(detail: CaseDetail): { key: number; rule: string; text: string }[] {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const lastOverride = Math.max(0, ...detail.timeline.filter((e) => e.type === 'triage_overridden').map((e) => e.seq));
  return detail.timeline
    .filter((e) => e.type === 'severity_escalated' && e.seq > lastOverride)
    .map((e) => {
      const data = (e.data ?? {}) as Record<string, unknown>;
      const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
      const why = data.text && typeof data.text === 'object' ? pick(data.text as LocalizedText, language) : str('metric') ? t('triage.slaEscalated', { metric: word('slaMetric', str('metric')) }) : '';
      const incident = str('incidentNo') ? ` · ${t('casework.detail.incident', { incidentNo: str('incidentNo') })}` : '';
      return {
        key: e.seq,
        rule: str('rule') ?? (str('metric') ? `sla.${str('metric')}` : e.type),
        text: `${t('triage.escalated', { to: word('severity', str('to')), time: formatDateTime(e.occurredAt, language) })}${why ? `${language === 'zh-CN' ? '：' : ': '}${why}` : ''}${incident}`,
      };
    });
}

function useValue(detail: CaseDetail) {
  const { t } = useTranslation();
  const word = useWord();
  const triage = detail.triage;
  return (field: TriageField) => {
    switch (field) {
      case 'category': {
        const confidence = triage?.source === 'classifier' && triage.categoryConfidence !== undefined && triage.categoryConfidence < 1
          ? ` · ${t('triage.confidence', { pct: Math.round(triage.categoryConfidence * 100) })}`
          : '';
        return <Tag color="blue">{word('triageCategory', detail.category ?? triage?.category)}{confidence}</Tag>;
      }
      case 'severity':
        return <SeverityTag severity={detail.severity ?? triage?.severity ?? null} />;
      case 'emotion': {
        const emotion = detail.emotion ?? triage?.emotion;
        return <Tag color={emotion === 'high' ? 'volcano' : 'default'}>{word('emotion', emotion)}</Tag>;
      }
      case 'priority': {
        const priority = detail.priority ?? triage?.priority;
        return <Tag color={PRIORITY_COLORS[priority ?? ''] ?? 'default'}>{word('priority', priority)}</Tag>;
      }
      case 'kind':
        return <Tag>{word('kind', triage?.suggestedKind)}</Tag>;
    }
  };
}

export function TriageCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [overriding, setOverriding] = useState(false);
  const value = useValue(detail);
  const escalations = useLaterEscalations(detail);
  const triage = detail.triage;
  const canOverride = detail.actions.some((a) => a.action === 'retriage');
  return (
    <Card
      title={t('triage.title')}
      size="small"
      data-testid="triage-card"
      extra={
        canOverride ? (
          <Button size="small" data-testid="triage-override" onClick={() => setOverriding(true)}>
            {t('triage.override')}
          </Button>
        ) : null
      }
    >
      {!triage ? (
        <Typography.Text type="secondary">{t('triage.none')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          {triage.source === 'override' ? (
            <Typography.Text type="warning" data-testid="triage-overridden">
              {t('triage.overriddenAt', { time: formatDateTime(triage.overriddenAt, language), reason: triage.overrideReason ?? '' })}
            </Typography.Text>
          ) : null}
          {TRIAGE_FIELDS.filter((field) => field !== 'kind' || triage.suggestedKind).map((field) => {
            const reasons = triage.reasons.filter((r) => r.field === field);
            return (
              <div key={field} data-testid={`triage-${field}`}>
                <Space size={6} wrap>
                  <Typography.Text strong>{t(`triage.${field}`)}</Typography.Text>
                  {value(field)}
                </Space>
                {reasons.map((reason, i) => (
                  <Reason key={`${reason.rule}:${i}`} reason={reason} />
                ))}
                {field === 'severity'
                  ? escalations.map((e) => (
                      <Reason key={e.key} reason={{ rule: e.rule, field: 'severity', text: { 'zh-CN': e.text, 'en-US': e.text } }} />
                    ))
                  : null}
              </div>
            );
          })}
        </Space>
      )}
      {overriding ? <TriageOverrideModal detail={detail} onClose={() => setOverriding(false)} /> : null}
    </Card>
  );
}
