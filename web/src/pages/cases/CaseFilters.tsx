// Filters of the case list, kept in the URL so a filtered list can be shared and reloaded.
import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS, CASE_STATES, SEVERITIES } from '../../api/types.ts';

export interface FilterValues {
  state?: string | undefined;
  kind?: string | undefined;
  severity?: string | undefined;
  q?: string | undefined;
}

export function CaseFilters({ values, onChange }: { values: FilterValues; onChange: (next: FilterValues) => void }) {
  const { t } = useTranslation();
  const options = (group: string, codes: readonly string[]) => codes.map((code) => ({ value: code, label: t(`${group}.${code}`) }));
  const filtered = values.state || values.kind || values.severity || values.q;
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select
        allowClear
        style={{ width: 170 }}
        placeholder={t('cases.state')}
        aria-label={t('cases.state')}
        value={values.state}
        options={options('state', CASE_STATES)}
        onChange={(state?: string) => onChange({ ...values, state })}
      />
      <Select
        allowClear
        style={{ width: 170 }}
        placeholder={t('cases.kind')}
        aria-label={t('cases.kind')}
        value={values.kind}
        options={options('kind', CASE_KINDS)}
        onChange={(kind?: string) => onChange({ ...values, kind })}
      />
      <Select
        allowClear
        style={{ width: 170 }}
        placeholder={t('cases.severity')}
        aria-label={t('cases.severity')}
        value={values.severity}
        options={options('severity', SEVERITIES)}
        onChange={(severity?: string) => onChange({ ...values, severity })}
      />
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
