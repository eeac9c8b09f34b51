// Filters of the audit trail, kept in the URL so a search can be shared and reloaded.
import { Button, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_FILTER_KEYS, AUDIT_OUTCOMES, type AuditFilters as Filters } from '../../api/audit.types.ts';

const ROLES = ['anonymous', 'customer', 'agent', 'specialist', 'supervisor', 'compliance', 'merchant', 'finance', 'department', 'admin', 'system'];
type TextKey = 'actorUserId' | 'action' | 'subjectType' | 'subjectId';

/** ISO instant ↔ the browser's datetime-local value (local time, minutes). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
function fromLocalInput(value: string): string | undefined {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}

export function AuditFilters({ values, onChange }: { values: Filters; onChange: (next: Filters) => void }) {
  const { t } = useTranslation();
  // Text fields apply on Enter or with the search button, not on every key.
  const [draft, setDraft] = useState<Filters>(values);
  const text = (key: TextKey, width: number, placeholder?: string) => (
    <Input
      key={key}
      allowClear
      style={{ width }}
      placeholder={placeholder ?? t(`audit.${key}`)}
      aria-label={t(`audit.${key}`)}
      data-testid={`audit-filter-${key}`}
      maxLength={200}
      value={draft[key] ?? ''}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value.trim() || undefined })}
      onPressEnter={() => onChange({ ...values, ...draft })}
    />
  );
  const filtered = AUDIT_FILTER_KEYS.some((key) => values[key]);
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      {(['from', 'to'] as const).map((key) => (
        <Input
          key={key}
          type="datetime-local"
          style={{ width: 250 }}
          prefix={<span style={{ color: 'rgba(0,0,0,0.45)' }}>{t(`audit.${key}`)}</span>}
          aria-label={t(`audit.${key}`)}
          data-testid={`audit-filter-${key}`}
          value={toLocalInput(values[key])}
          onChange={(e) => onChange({ ...values, ...draft, [key]: fromLocalInput(e.target.value) })}
        />
      ))}
      <Select
        allowClear
        style={{ width: 140 }}
        placeholder={t('audit.actorRole')}
        aria-label={t('audit.actorRole')}
        value={values.actorRole}
        options={ROLES.map((role) => ({ value: role, label: role === 'anonymous' ? t('audit.anonymous') : t(`role.${role}`, { defaultValue: role }) }))}
        onChange={(actorRole?: string) => onChange({ ...values, ...draft, actorRole })}
      />
      {text('action', 200, t('audit.actionPlaceholder'))}
      {text('subjectType', 130)}
      {text('subjectId', 200)}
      {text('actorUserId', 200)}
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('audit.outcome')}
        aria-label={t('audit.outcome')}
        data-testid="audit-filter-outcome"
        value={values.outcome}
        options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))}
        onChange={(outcome?: string) => onChange({ ...values, ...draft, outcome })}
      />
      <Button type="primary" data-testid="audit-search" onClick={() => onChange({ ...values, ...draft })}>
        {t('audit.search')}
      </Button>
      {filtered ? (
        <Button
          onClick={() => {
            setDraft({});
            onChange({});
          }}
        >
          {t('common.resetFilters')}
        </Button>
      ) : null}
    </Space>
  );
}
