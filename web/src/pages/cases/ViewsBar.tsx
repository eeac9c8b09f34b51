// Views of the case list: built-in ones for the caller's role (my work, unassigned, overdue,
// approvals…) and the user's own saved views; the current filters can be saved under a name.
// Finance holds no case: its work is the money tasks it owns, its list opens on them.
import { Button, Form, Input, message, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useDeleteView, useSavedViews, useSaveView } from '../../api/views.queries.ts';
import type { Role } from '../../api/types.ts';
import { FILTER_KEYS, type FilterValues } from './CaseFilters.tsx';

interface View {
  key: string;
  label: string;
  filters: FilterValues;
}

/** home: the view the role's list opens on (from the menu and after sign-in). */
const BUILT_IN: { key: string; filters: FilterValues; roles: readonly Role[] | 'all'; home?: true }[] = [
  { key: 'all', filters: {}, roles: 'all' },
  { key: 'mine', filters: { assignee: 'me', open: 'true', sort: 'urgent' }, roles: ['agent', 'specialist', 'supervisor', 'compliance', 'admin'] },
  { key: 'toHandle', filters: { open: 'true', sort: 'urgent' }, roles: ['merchant'] },
  { key: 'toHandle', filters: { taskOwner: 'me', sort: 'urgent' }, roles: ['finance'], home: true },
  { key: 'myTasks', filters: { taskOwner: 'me', sort: 'urgent' }, roles: ['merchant', 'agent', 'specialist', 'supervisor'] },
  { key: 'refundsInDoubt', filters: { refund: 'in_doubt', sort: 'oldest' }, roles: ['finance', 'supervisor', 'admin'] },
  { key: 'unassigned', filters: { assignee: 'unassigned', open: 'true', sort: 'urgent' }, roles: ['agent', 'specialist', 'supervisor', 'admin'] },
  { key: 'breached', filters: { slaState: 'breached', sort: 'urgent' }, roles: ['agent', 'specialist', 'supervisor', 'compliance', 'admin', 'merchant'] },
  { key: 'urgent', filters: { severity: 'L1', open: 'true', sort: 'urgent' }, roles: ['agent', 'specialist', 'supervisor', 'compliance', 'admin'] },
  { key: 'approvals', filters: { state: 'plan_pending_approval', sort: 'oldest' }, roles: ['supervisor', 'admin'] },
  { key: 'complianceReview', filters: { state: 'compliance_review', sort: 'oldest' }, roles: ['compliance', 'supervisor', 'admin'] },
];

const clean = (filters: FilterValues): Record<string, string> =>
  Object.fromEntries(FILTER_KEYS.flatMap((key) => (filters[key] ? [[key, filters[key] as string]] : [])));
const same = (a: FilterValues, b: FilterValues) => JSON.stringify(clean(a)) === JSON.stringify(clean(b));

/** Where a role's case list opens: its home view (finance: the money tasks it can do now), else all its cases. */
export function casesHome(role: Role): string {
  const home = BUILT_IN.find((v) => v.home && v.roles !== 'all' && v.roles.includes(role));
  const search = new URLSearchParams(clean(home?.filters ?? {})).toString();
  return search ? `/cases?${search}` : '/cases';
}

export function ViewsBar({ role, values, onChange }: { role: Role; values: FilterValues; onChange: (next: FilterValues) => void }) {
  const { t } = useTranslation();
  const saved = useSavedViews();
  const save = useSaveView();
  const remove = useDeleteView();
  const [naming, setNaming] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const builtIn: View[] = BUILT_IN.filter((v) => v.roles === 'all' || v.roles.includes(role)).map((v) => ({
    key: v.key,
    label: t(`workspace.builtIn.${v.key}`),
    filters: v.filters,
  }));
  const chip = (view: View, closable: { id: string; name: string } | null) => {
    const active = same(view.filters, values);
    const tag = (
      <Tag.CheckableTag key={view.key} checked={active} onChange={() => onChange(view.filters)} data-testid={`view-${view.key}`}>
        {view.label}
      </Tag.CheckableTag>
    );
    if (!closable) return tag;
    return (
      <Space key={view.key} size={0}>
        {tag}
        <Popconfirm
          title={t('workspace.deleteView', { name: closable.name })}
          onConfirm={async () => {
            await remove.mutateAsync(closable.id);
            void message.success(t('workspace.deleted'));
          }}
        >
          <Button type="text" size="small" aria-label={t('workspace.deleteView', { name: closable.name })}>
            ×
          </Button>
        </Popconfirm>
      </Space>
    );
  };
  const submit = async ({ name }: { name: string }) => {
    try {
      await save.mutateAsync({ name, filters: clean(values) });
      void message.success(t('workspace.saved'));
      setNaming(false);
      form.resetFields();
    } catch (error) {
      if (isApiError(error)) form.setFields([{ name: 'name', errors: [error.problem.detail] }]);
    }
  };
  return (
    <Space wrap size={[4, 8]} style={{ marginBottom: 12 }} data-testid="views-bar">
      <Typography.Text type="secondary">{t('workspace.views')}:</Typography.Text>
      {builtIn.map((view) => chip(view, null))}
      {(saved.data?.items ?? []).map((view) => chip({ key: view.id, label: view.name, filters: view.filters }, { id: view.id, name: view.name }))}
      <Button size="small" type="dashed" onClick={() => setNaming(true)}>
        {t('workspace.saveView')}
      </Button>
      <Modal
        open={naming}
        title={t('workspace.saveView')}
        onCancel={() => setNaming(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="name" label={t('workspace.viewName')} rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input placeholder={t('workspace.viewNamePlaceholder')} maxLength={40} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
