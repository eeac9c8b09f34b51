// Agent profiles: skills, the most open cases at once, availability and seniority, with the load
// of the moment; admins change them here.
import { App, Button, Form, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProfileInput, useAgentProfiles, useSaveAgentProfile } from '../../../api/admin.routing.queries.ts';
import { type AgentProfile, UI_LANGUAGES } from '../../../api/admin.types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../../lib/forms.ts';
import { FormProblem, TagsInput, useOptions } from '../shared.tsx';

const SKILLS = ['categories', 'kinds', 'languages', 'productCategories'] as const;

function ProfileForm({ profile, onClose }: { profile: AgentProfile; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const options = useOptions();
  const [form] = Form.useForm<ProfileInput>();
  const save = useSaveAgentProfile();
  const [placed, setPlaced] = useState(false);
  const submit = (values: ProfileInput) =>
    save.mutate(
      { userId: profile.userId, input: values },
      {
        onSuccess: () => {
          void message.success(t('admin.common.saved'));
          onClose();
        },
        onError: (error) => setPlaced(showFieldErrors(form, error, ['maxOpenCases', 'available', 'senior', ...SKILLS.map((s) => `skills.${s}`)])),
      },
    );
  return (
    <Modal
      open
      width={640}
      title={t('admin.routing.editAgent', { name: profile.displayName })}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {save.isError ? <FormProblem error={save.error} placed={placed} /> : null}
      <Form<ProfileInput>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ skills: profile.skills, maxOpenCases: profile.maxOpenCases, available: profile.available, senior: profile.senior }}
        onFinish={submit}
      >
        <Space size={24}>
          <Form.Item name="maxOpenCases" label={t('admin.routing.cap')} rules={[{ required: true, message: t('admin.common.required') }]}>
            <InputNumber min={0} max={10_000} precision={0} />
          </Form.Item>
          <Form.Item name="available" label={t('admin.routing.available')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="senior" label={t('admin.routing.senior')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        {SKILLS.map((s) => (
          <Form.Item key={s} name={['skills', s]} label={t(`admin.routing.skill.${s}`)}>
            {s === 'languages' ? <Select mode="multiple" options={options('admin.locale', UI_LANGUAGES)} /> : <TagsInput placeholder={t('admin.routing.tagsHint')} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

export function AgentsTab() {
  const { t } = useTranslation();
  const profiles = useAgentProfiles();
  const [editing, setEditing] = useState<AgentProfile | null>(null);
  const skillTags = (p: AgentProfile) => {
    const words = [
      ...p.skills.categories.map((c) => t(`admin.category.${c}`, { defaultValue: c })),
      ...p.skills.kinds.map((k) => t(`kind.${k}`, { defaultValue: k })),
      ...p.skills.languages.map((l) => t(`admin.locale.${l}`, { defaultValue: l })),
      ...p.skills.productCategories,
    ];
    return words.length ? words.map((w) => <Tag key={w}>{w}</Tag>) : <Typography.Text type="secondary">{t('admin.common.none')}</Typography.Text>;
  };
  const columns: ColumnsType<AgentProfile> = [
    {
      title: t('admin.routing.person'),
      key: 'person',
      width: 200,
      render: (_: unknown, p) => (
        <div>
          <Typography.Text strong>{p.displayName}</Typography.Text>
          <div>
            <Tag>{t(`role.${p.role}`, { defaultValue: p.role })}</Tag>
            {p.senior ? <Tag color="gold">{t('admin.routing.senior')}</Tag> : null}
            {p.hasProfile ? null : <Tag color="orange">{t('admin.routing.noProfile')}</Tag>}
            {p.active ? null : <Tag color="red">{t('admin.routing.deactivated')}</Tag>}
          </div>
        </div>
      ),
    },
    { title: t('admin.routing.skills'), key: 'skills', render: (_: unknown, p) => <Space size={[0, 4]} wrap>{skillTags(p)}</Space> },
    {
      title: `${t('admin.routing.open')} / ${t('admin.routing.cap')}`,
      key: 'load',
      width: 150,
      render: (_: unknown, p) => (
        <Typography.Text type={p.openCases >= p.maxOpenCases ? 'danger' : undefined}>{`${p.openCases} / ${p.maxOpenCases}`}</Typography.Text>
      ),
    },
    {
      title: t('admin.routing.available'),
      dataIndex: 'available',
      width: 110,
      render: (available: boolean) => <Tag color={available ? 'green' : 'default'}>{available ? t('admin.common.yes') : t('admin.common.no')}</Tag>,
    },
    {
      title: t('admin.common.actions'),
      key: 'edit',
      width: 90,
      render: (_: unknown, p) => (
        <Button size="small" onClick={() => setEditing(p)}>
          {t('admin.common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin.routing.agentsSubtitle')}</Typography.Paragraph>
      {profiles.isError ? <ProblemAlert error={profiles.error} onRetry={() => void profiles.refetch()} /> : null}
      <Table<AgentProfile>
        rowKey="userId"
        size="small"
        data-testid="routing-agents"
        columns={columns}
        dataSource={profiles.data?.items ?? []}
        loading={profiles.isFetching}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('common.total', { count }) }}
        locale={{ emptyText: profiles.isError ? ' ' : t('admin.common.empty') }}
      />
      {editing ? <ProfileForm profile={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
