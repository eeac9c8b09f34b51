// One line of detail for triage, routing and incident events (staff see their data): what a
// triage override or a customer's message changed, where routing sent the case and by which
// rule, an assignment's queue move and note, the group complaint a case joined, and a plan's
// excessive compensation (RES-7) on whichever event carried it.
import { useTranslation } from 'react-i18next';
import { useWord } from '../../components/Labels.tsx';
import { pick, useLanguage, type LocalizedText } from '../../i18n/index.ts';
import { formatFen } from '../../lib/money.ts';

type Data = Record<string, unknown>;
const GROUPS: Record<string, string> = { category: 'triageCategory', severity: 'severity', emotion: 'emotion', priority: 'priority' };
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const record = (value: unknown): Data => (value && typeof value === 'object' ? (value as Data) : {});
const localized = (value: unknown): LocalizedText | null => {
  const v = record(value);
  return typeof v['zh-CN'] === 'string' && typeof v['en-US'] === 'string' ? (v as unknown as LocalizedText) : null;
};

export function useCaseworkEventDetail() {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const sep = language === 'zh-CN' ? '；' : '; ';
  /** "严重程度：L3 → L1；优先级：P4 → P1" for the fields that differ between from and to. */
  const changes = (fromValue: unknown, toValue: unknown): string[] => {
    const from = record(fromValue);
    const to = record(toValue);
    return Object.keys(GROUPS)
      .filter((field) => to[field] !== undefined && to[field] !== from[field])
      .map((field) =>
        t('casework.detail.change', {
          field: t(`triage.${field}`),
          from: word(GROUPS[field] ?? field, text(from[field])),
          to: word(GROUPS[field] ?? field, text(to[field])),
        }),
      );
  };
  const reasonTexts = (reasons: unknown): string[] =>
    Array.isArray(reasons) ? reasons.map((r) => localized(record(r).text)).filter((r): r is LocalizedText => r !== null).map((r) => pick(r, language)) : [];
  const note = (data: Data) => (text(data.note) ? [t('casework.detail.note', { note: text(data.note) })] : []);

  return (type: string, raw: unknown): string | null => {
    const data = record(raw);
    const excessive = record(data.excessiveGoodwill);
    if (typeof excessive.goodwillFen === 'number') {
      return t('casework.detail.excessiveGoodwill', {
        goodwill: formatFen(excessive.goodwillFen),
        limit: formatFen(Number(excessive.limitFen)),
        value: formatFen(Number(excessive.goodsValueFen)),
        multiple: excessive.multiple,
      });
    }
    let parts: string[] = [];
    switch (type) {
      case 'triage_overridden':
        parts = changes(data.from, data.to);
        break;
      case 'triage_raised':
        parts = [...changes(data.from, data.to), ...reasonTexts(data.reasons)];
        break;
      case 'case_routed': {
        const trigger = text(data.trigger);
        // The first reason names the rule that fired; without one, the rule's key does.
        const why = reasonTexts(data.reasons).slice(0, 1);
        parts = [
          t('casework.detail.routedTo', { queue: word('queue', text(data.queue)) }),
          ...(trigger ? [t(`casework.detail.trigger.${trigger}`, { defaultValue: trigger })] : []),
          ...(why.length > 0 ? why : text(data.rule) ? [t('casework.detail.rule', { rule: text(data.rule) })] : []),
          ...note(data),
        ];
        break;
      }
      case 'case_assigned': {
        const from = record(data.from);
        const to = record(data.to);
        parts = [
          data.take === true ? t('casework.detail.took') : to.assigneeId ? t('casework.detail.assignedTo') : null,
          from.queue !== to.queue ? t('casework.detail.queueMove', { from: word('queue', text(from.queue)), to: word('queue', text(to.queue)) }) : null,
          ...note(data),
        ].filter((p): p is string => p !== null);
        break;
      }
      case 'case_unassigned':
        parts = note(data);
        break;
      case 'incident_joined':
        parts = [
          t('casework.detail.incident', { incidentNo: text(data.incidentNo) ?? '' }),
          ...(data.from !== data.to ? [`${word('severity', text(data.from))} → ${word('severity', text(data.to))}`] : []),
        ];
        break;
      case 'platform_intervention': {
        const trigger = text(data.trigger);
        parts = trigger ? [t(`casework.detail.trigger.${trigger}`, { defaultValue: trigger })] : [];
        break;
      }
      default:
        return null;
    }
    return parts.length > 0 ? parts.join(sep) : null;
  };
}
