// Filters of the case list, kept in the URL so a filtered list can be shared and reloaded. Staff
// also filter by channel, work queue, priority, emotion, assignee and refunds in doubt; staff and
// merchants by the tasks of their own they can do now; everyone by the state of the
// most urgent SLA clock, and sorts; a customer keeps to state, kind and search.
import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHANNELS, QUEUES, SLA_FILTER_STATES } from '../../api/sla.types.ts';
import { EMOTIONS, PRIORITIES, TRIAGE_CATEGORIES } from '../../api/casework.types.ts';
import { CASE_KINDS, CASE_STATES, SEVERITIES } from '../../api/types.ts';

/** The filters the URL may carry (the page reads these search parameters). */
export const FILTER_KEYS = [
  'state', 'kind', 'severity', 'category', 'slaState', 'channel', 'queue', 'priority', 'emotion', 'assignee', 'taskOwner', 'refund', 'open', 'sort', 'q',
] as const;
export type FilterValues = Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>;

const ASSIGNEES = ['me', 'unassigned'];
const TASK_OWNERS = ['me'];
const REFUNDS = ['in_doubt'];
const OPEN = ['true', 'false'];
const SORTS = ['newest', 'oldest', 'urgent', 'priority'];

type SelectKey = Exclude<(typeof FILTER_KEYS)[number], 'q'>;

export function CaseFilters(props: { values: FilterValues; staff: boolean; customer: boolean; onChange: (next: FilterValues) => void }) {
  const { values, staff, customer, onChange } = props;
  const { t } = useTranslation();
  const select = (key: SelectKey, label: string, group: string, codes: readonly string[], width = 150) => (
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
      {select('state', t('cases.state'), 'state', CASE_STATES, 160)}
      {select('kind', t('cases.kind'), 'kind', CASE_KINDS)}
      {customer ? null : select('severity', t('cases.severity'), 'severity', SEVERITIES, 170)}
      {customer ? null : select('category', t('workspace.category'), 'triageCategory', TRIAGE_CATEGORIES)}
      {customer ? null : select('slaState', t('cases.slaState'), 'slaState', SLA_FILTER_STATES, 130)}
      {staff ? select('channel', t('cases.channel'), 'channel', CHANNELS, 130) : null}
      {staff ? select('queue', t('cases.queue'), 'queue', QUEUES, 120) : null}
      {staff ? select('priority', t('workspace.priority'), 'priority', PRIORITIES, 120) : null}
      {staff ? select('emotion', t('workspace.emotion'), 'emotion', EMOTIONS, 110) : null}
      {staff ? select('assignee', t('workspace.assignee'), 'workspace.assigneeValue', ASSIGNEES, 120) : null}
      {customer ? null : select('taskOwner', t('workspace.taskOwner'), 'workspace.taskOwnerValue', TASK_OWNERS, 150)}
      {staff ? select('refund', t('workspace.refund'), 'workspace.refundValue', REFUNDS, 150) : null}
      {select('open', t('workspace.openState'), 'workspace.openValue', OPEN, 120)}
      {customer ? null : select('sort', t('workspace.sort'), 'workspace.sortValue', SORTS, 190)}
      <Input.Search
        id="case-search"
        key={values.q ?? ''}
        allowClear
        style={{ width: 260 }}
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
