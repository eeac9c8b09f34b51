// Queues and the role that works each; add one, rename it, change its role or switch it off.
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueues, useSaveQueue } from '../../../api/admin.routing.queries.ts';
import { type Queue, QUEUE_ROLES } from '../../../api/admin.types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../../lib/forms.ts';
import { FormProblem, useOptions } from '../shared.tsx';

function QueueForm({ queue, onClose }: { queue: Queue | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const options = useOptions();
  const [form] = Form.useForm<Queue>();
  const save = useSaveQueue();
  const [placed, setPlaced] = useState(false);
  const submit = (values: Queue) =>
    save.mutate(
      { create: queue === null, queue: { ...values, key: queue?.key ?? values.key.trim() } },
      {
        onSuccess: () => {
          void message.success(t('admin.common.saved'));
          onClose();
        },
        onError: (error) => setPlaced(showFieldErrors(form, error, ['key', 'name.zh-CN', 'name.en-US', 'role', 'active'])),
      },
    );
  return (
    <Modal
      open
      title={queue ? t('admin.routing.editQueue', { key: queue.key }) : t('admin.routing.newQueue')}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.isError ? <FormProblem error={save.error} placed={placed} /> : null}
      <Form<Queue> form={form} layout="vertical" style={{ marginTop: 12 }} initialValues={queue ?? { key: '', name: { 'zh-CN': '', 'en-US': '' }, role: 'agent', active: true }} onFinish={submit}>
        <Form.Item name="key" label={t('admin.routing.key')} extra={t('admin.routing.keyHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_-]{1,63}$/, message: t('admin.routing.keyHint') }]}>
          <Input disabled={queue !== null} />
        </Form.Item>
        <Form.Item name={['name', 'zh-CN']} label={t('admin.routing.nameZh')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name={['name', 'en-US']} label={t('admin.routing.nameEn')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space size={24}>
          <Form.Item name="role" label={t('admin.routing.role')}>
            <Select style={{ width: 200 }} options={options('role', QUEUE_ROLES)} />
          </Form.Item>
          <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export function QueuesTab() {
  const { t } = useTranslation();
  const queues = useQueues();
  const [editing, setEditing] = useState<Queue | 'new' | null>(null);
  const columns: ColumnsType<Queue> = [
    { title: t('admin.routing.key'), dataIndex: 'key', width: 160, render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
    { title: t('admin.routing.nameZh'), key: 'zh', render: (_: unknown, q) => q.name['zh-CN'] },
    { title: t('admin.routing.nameEn'), key: 'en', render: (_: unknown, q) => q.name['en-US'] },
    { title: t('admin.routing.role'), dataIndex: 'role', width: 140, render: (role: string) => t(`role.${role}`, { defaultValue: role }) },
    {
      title: t('admin.common.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? t('admin.common.active') : t('admin.common.inactive')}</Tag>,
    },
    {
      title: t('admin.common.actions'),
      key: 'edit',
      width: 90,
      render: (_: unknown, q) => (
        <Button size="small" onClick={() => setEditing(q)}>
          {t('admin.common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('admin.routing.queuesSubtitle')}</Typography.Text>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.routing.newQueue')}
        </Button>
      </Space>
      {queues.isError ? <ProblemAlert error={queues.error} onRetry={() => void queues.refetch()} /> : null}
      <Table<Queue>
        rowKey="key"
        size="small"
        data-testid="routing-queues"
        columns={columns}
        dataSource={queues.data?.items ?? []}
        loading={queues.isFetching}
        pagination={false}
        locale={{ emptyText: queues.isError ? ' ' : t('admin.common.empty') }}
      />
      {editing ? <QueueForm queue={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
