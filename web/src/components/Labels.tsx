// Tags for the case's vocabulary, localised through the SPEC glossary.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick, useLanguage, type LocalizedText } from '../i18n/index.ts';

const STATE_COLORS: Record<string, string> = {
  submitted: 'blue', acknowledged: 'blue', investigating: 'processing', awaiting_customer: 'gold', plan_pending_approval: 'purple',
  plan_proposed: 'purple', compliance_review: 'magenta', awaiting_return: 'cyan', return_in_transit: 'cyan', return_received: 'cyan',
  inspection_failed: 'volcano', executing: 'geekblue', resolved: 'green', result_notified: 'green', closed: 'default',
  archived: 'default', rejected: 'red', withdrawn: 'default', merged: 'default',
};
const SEVERITY_COLORS: Record<string, string> = { L1: 'red', L2: 'orange', L3: 'default' };

export function StateTag({ state, label }: { state: string; label?: LocalizedText }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{label ? pick(label, language) : t(`state.${state}`, { defaultValue: state })}</Tag>;
}

export function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag>{t(`kind.${kind}`, { defaultValue: kind })}</Tag>;
}

export function SeverityTag({ severity }: { severity: string | null }) {
  const { t } = useTranslation();
  if (!severity) return null;
  return <Tag color={SEVERITY_COLORS[severity] ?? 'default'}>{t(`severity.${severity}`, { defaultValue: severity })}</Tag>;
}

/** A task's name: a plan step's own title, else its type's word. */
export function taskName(task: { type: string; title?: string | null }, word: ReturnType<typeof useWord>): string {
  return task.title ?? word('taskType', task.type);
}

/** A vocabulary word ("party.merchant") with the raw code as fallback. */
export function useWord() {
  const { t } = useTranslation();
  return (group: string, code: string | null | undefined): string => (code ? t(`${group}.${code}`, { defaultValue: code }) : '—');
}
