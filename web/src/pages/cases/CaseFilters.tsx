// Filters of the case list, kept in the URL so a filtered list can be shared and reloaded. Staff
// also filter by channel and work queue; everyone by the state of the most urgent SLA clock.
import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHANNELS, QUEUES, SLA_FILTER_STATES } from '../../api/sla.types.ts';
import { CASE_KINDS, CASE_STATES, SEVERITIES } from '../../api/types.ts';

export interface FilterValues {
  state?: string | undefined;
  kind?: string | undefined;
  severity?: string | undefined;
  slaState?: string | undefined;
  channel?: string | undefined;
  queue?: string | undefined;
  q?: string | undefined;
}

/** The filters the URL may carry (the page reads these search parameters). */
export const FILTER_KEYS = ['state', 'kind', 'severity', 'slaState', 'channel', 'queue', 'q'] as const satisfies readonly (keyof FilterValues)[];

type SelectKey = Exclude<keyof FilterValues, 'q'>;

export function CaseFilters({ values, staff, onChange }: { values: FilterValues; staff: boolean; onChange: (next: FilterValues) => void }) {
  const { t } = useTranslation();
  const select = (key: SelectKey, label: string, group: string, codes: readonly string[], width = 170) => (
    <Select
      key={key}
      allowClear
      style={{ width }}
      placeholder={label}
      aria-label={label}
      data-testid={`filter-${key}`}
      value={values[key]}
      options={codes.map((code) => ({ value: code, label: t(`${group}.${code}`, { defaultValue: code }) }))}
      onChange={(value?: string) => onChange({ ...values, [key]: value })}
    />
  );
  const filtered = FILTER_KEYS.some((key) => values[key]);
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      {select('state', t('cases.state'), 'state', CASE_STATES)}
      {select('kind', t('cases.kind'), 'kind', CASE_KINDS)}
      {select('severity', t('cases.severity'), 'severity', SEVERITIES)}
      {select('slaState', t('cases.slaState'), 'slaState', SLA_FILTER_STATES, 130)}
      {staff ? select('channel', t('cases.channel'), 'channel', CHANNELS, 140) : null}
      {staff ? select('queue', t('cases.queue'), 'queue', QUEUES, 130) : null}
      <Input.Search
        key={values.q ?? ''}
        allowClear
        style={{ width: 300 }}
        placeholder={t('cases.search')}
        aria-label={t('cases.search')}
        defaultValue={values.q}
        maxLength={200}
        onSearch={(q) => onChange({ ...values, q: q.trim() || undefined })}
      />
      {filtered ? <Button onClick={() => onChange({})}>{t('common.resetFilters')}</Button> : null}
    </Space>
  );
}
