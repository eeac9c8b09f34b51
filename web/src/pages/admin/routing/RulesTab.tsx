// The routing rules in evaluation order. Moving, switching and editing change a local copy; "Save
// rules" sends the list with the version it was read at (a newer saved list answers 409). The
// tester can try the unsaved copy.
import { Alert, App, Button, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoutingRules, useSaveRoutingRules } from '../../../api/admin.routing.queries.ts';
import type { MerchantListing, Queue, RoutingRule } from '../../../api/admin.types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useCategoryLabel } from '../shared.tsx';
import { NEW_RULE, RuleForm } from './RuleForm.tsx';
import { conditionTexts } from './ruleText.ts';

export function RulesTab(props: { draft: RoutingRule[] | null; setDraft: (rules: RoutingRule[] | null) => void; queues: Queue[]; merchants: MerchantListing[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const stored = useRoutingRules();
  const save = useSaveRoutingRules();
  const [editing, setEditing] = useState<{ index: number | null; rule: RoutingRule } | null>(null);
  const { draft, setDraft } = props;
  const rules = draft ?? stored.data?.items ?? [];
  const categoryLabel = useCategoryLabel();
  const names = { merchants: new Map(props.merchants.map((m) => [m.id, m.name])), category: categoryLabel };
  const queueNames = new Map(props.queues.map((q) => [q.key, pick(q.name, language)]));

  const change = (next: RoutingRule[]) => setDraft(next);
  const move = (index: number, delta: number) => {
    const next = [...rules];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    change(next);
  };
  const saveAll = () => {
    if (!stored.data) return;
    save.mutate(
      { version: stored.data.version, rules },
      {
        onSuccess: (saved) => {
          setDraft(null);
          void message.success(t('admin.routing.rulesSaved', { version: saved.version }));
        },
      },
    );
  };

  const columns: ColumnsType<RoutingRule> = [
    { title: t('admin.routing.order'), key: 'order', width: 56, render: (_: unknown, __, i) => i + 1 },
    {
      title: t('admin.routing.name'),
      key: 'name',
      width: 260,
      render: (_: unknown, r) => (
        <div>
          <Typography.Text strong>{pick(r.name, language)}</Typography.Text>
          <div>
            <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
              {r.key}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('admin.routing.conditions'),
      key: 'conditions',
      render: (_: unknown, r) => {
        const texts = conditionTexts(t, r.conditions, names);
        if (texts.length === 0) return <Typography.Text type="secondary">{t('admin.routing.noConditions')}</Typography.Text>;
        return (
          <Space size={[0, 4]} wrap>
            {texts.map((c) => (
              <Tag key={c.key}>{c.text}</Tag>
            ))}
          </Space>
        );
      },
    },
    {
      title: t('admin.routing.queue'),
      key: 'queue',
      width: 200,
      render: (_: unknown, r) => (
        <div>
          <Tag color="purple">{queueNames.get(r.actions.queue) ?? r.actions.queue}</Tag>
          <div style={{ fontSize: 12, marginTop: 2 }}>
            <Typography.Text type="secondary">{r.actions.assign ? t('admin.routing.assign') : t('admin.routing.waitsInQueue')}</Typography.Text>
            {r.actions.requiredSkills.senior ? <Tag style={{ marginInlineStart: 4 }}>{t('admin.routing.senior')}</Tag> : null}
          </div>
          {r.actions.notifyRoles.length > 0 ? (
            <div style={{ fontSize: 12 }}>
              <Typography.Text type="secondary">
                {t('admin.routing.notify')}: {r.actions.notifyRoles.map((role) => t(`role.${role}`, { defaultValue: role })).join(language === 'zh-CN' ? '、' : ', ')}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('admin.common.active'),
      key: 'active',
      width: 70,
      render: (_: unknown, r, i) => (
        <Switch
          size="small"
          checked={r.active}
          aria-label={`${r.key} ${t('admin.common.active')}`}
          onChange={(active) => change(rules.map((x, j) => (j === i ? { ...x, active } : x)))}
        />
      ),
    },
    {
      title: t('admin.common.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, r, i) => (
        <Space size={4}>
          <Button size="small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${t('admin.common.moveUp')} ${r.key}`}>
            ↑
          </Button>
          <Button size="small" disabled={i === rules.length - 1} onClick={() => move(i, 1)} aria-label={`${t('admin.common.moveDown')} ${r.key}`}>
            ↓
          </Button>
          <Button size="small" onClick={() => setEditing({ index: i, rule: r })}>
            {t('admin.common.edit')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="start">
        <div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4, maxWidth: 860 }}>
            {t('admin.routing.rulesSubtitle')}
          </Typography.Paragraph>
          {stored.data ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('admin.routing.versionInfo', { version: stored.data.version, time: formatDateTime(stored.data.updatedAt, language) })}
            </Typography.Text>
          ) : null}
        </div>
        <Button onClick={() => setEditing({ index: null, rule: NEW_RULE })} disabled={!stored.data}>
          {t('admin.routing.newRule')}
        </Button>
      </Space>
      {draft ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('admin.routing.unsaved')}
          action={
            <Space>
              <Button
                size="small"
                onClick={() => {
                  // Back to the saved list as it is now (someone may have saved a newer one).
                  setDraft(null);
                  save.reset();
                  void stored.refetch();
                }}
              >
                {t('admin.routing.discard')}
              </Button>
              <Button size="small" type="primary" loading={save.isPending} onClick={saveAll} data-testid="rules-save">
                {t('admin.routing.saveRules')}
              </Button>
            </Space>
          }
        />
      ) : null}
      {save.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={save.error} />
        </div>
      ) : null}
      {stored.isError ? <ProblemAlert error={stored.error} onRetry={() => void stored.refetch()} /> : null}
      <Table<RoutingRule>
        rowKey="key"
        size="small"
        data-testid="routing-rules"
        columns={columns}
        dataSource={rules}
        loading={stored.isFetching}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: stored.isError ? ' ' : t('admin.common.empty') }}
      />
      {editing ? (
        <RuleForm
          rule={editing.rule}
          takenKeys={rules.filter((_, i) => i !== editing.index).map((r) => r.key)}
          queues={props.queues}
          merchants={props.merchants}
          onClose={() => setEditing(null)}
          onDone={(rule) => {
            change(editing.index === null ? [...rules, rule] : rules.map((r, i) => (i === editing.index ? rule : r)));
            setEditing(null);
          }}
        />
      ) : null}
    </>
  );
}
