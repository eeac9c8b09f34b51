// Add or change an SLA target. Field names follow the API's body (match.channel, duration.amount…),
// so a problem's field errors land on the field they name.
import { App, Button, Drawer, Form, InputNumber, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueues } from '../../../api/admin.routing.queries.ts';
import { useSaveSlaTarget } from '../../../api/admin.sla.queries.ts';
import {
  AUTO_OUTCOMES, BREACH_ACTIONS, type BusinessCalendar, DURATION_UNITS, MEMBERSHIP_TIERS, type MerchantListing, OUTCOME_METRIC, SLA_PARTIES,
  type SlaTarget, type SlaTargetInput,
} from '../../../api/admin.types.ts';
import { KB_CATEGORIES } from '../../../api/kb.types.ts';
import { SLA_METRICS, CHANNELS } from '../../../api/sla.types.ts';
import { CASE_KINDS, CASE_STATES, CLOSED_STATES, SEVERITIES } from '../../../api/types.ts';
import { pick, useLanguage } from '../../../i18n/index.ts';
import { showFieldErrors } from '../../../lib/forms.ts';
import { FormProblem, useOptions } from '../shared.tsx';

const FIELDS = [
  'metric', 'match.channel', 'match.kind', 'match.category', 'match.severity', 'match.tier', 'match.merchantId', 'duration.amount', 'duration.unit',
  'warnBeforeMinutes', 'pauseStates', 'breachActions', 'reassignQueue', 'party', 'autoOutcome', 'calendarId', 'active',
];

const EMPTY: SlaTargetInput = {
  metric: 'first_response',
  match: { channel: null, kind: null, category: null, severity: null, tier: null, merchantId: null },
  duration: { amount: 1, unit: 'hours' },
  warnBeforeMinutes: 0,
  pauseStates: [],
  breachActions: ['notify_owner'],
  reassignQueue: null,
  party: 'platform',
  autoOutcome: null,
  calendarId: null,
  active: true,
};

/** Cleared selects give undefined; the API wants null for "any". */
function toInput(values: SlaTargetInput): SlaTargetInput {
  const match = Object.fromEntries(Object.entries(values.match).map(([k, v]) => [k, v ?? null])) as SlaTargetInput['match'];
  return {
    ...values,
    match,
    reassignQueue: values.breachActions.includes('reassign') ? (values.reassignQueue ?? null) : null,
    autoOutcome: values.autoOutcome ?? null,
    calendarId: values.calendarId ?? null,
  };
}

export function TargetForm({ target, calendars, merchants, onClose }: { target: SlaTarget | null; calendars: BusinessCalendar[]; merchants: MerchantListing[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const options = useOptions();
  const [form] = Form.useForm<SlaTargetInput>();
  const save = useSaveSlaTarget();
  const [placed, setPlaced] = useState(false);
  const queues = useQueues();
  const metric = Form.useWatch('metric', form) ?? target?.metric ?? EMPTY.metric;
  const actions = Form.useWatch('breachActions', form) ?? [];
  const initial: SlaTargetInput = target
    ? { metric: target.metric, match: target.match, duration: target.duration, warnBeforeMinutes: target.warnBeforeMinutes, pauseStates: target.pauseStates,
        breachActions: target.breachActions, reassignQueue: target.reassignQueue, party: target.party, autoOutcome: target.autoOutcome,
        calendarId: target.calendarId, active: target.active }
    : EMPTY;
  const anyOption = (group: string, codes: readonly string[]) => options(group, codes);

  const submit = (values: SlaTargetInput) =>
    save.mutate(
      { id: target?.id ?? null, input: toInput(values) },
      {
        onSuccess: () => {
          void message.success(t('admin.common.saved'));
          onClose();
        },
        onError: (error) => setPlaced(showFieldErrors(form, error, FIELDS)),
      },
    );

  const any = t('admin.common.any');
  return (
    <Drawer
      open
      size={720}
      title={target ? t('admin.sla.editTarget', { metric: pick(target.metricLabel, language) }) : t('admin.sla.newTarget')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="sla-target-save">
            {t('admin.common.save')}
          </Button>
        </Space>
      }
    >
      {save.isError ? <FormProblem error={save.error} placed={placed} /> : null}
      <Form<SlaTargetInput> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="sla-target-form" style={{ marginTop: 12 }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="metric" label={t('admin.sla.metric')} rules={[{ required: true }]}>
            <Select options={options('slaMetric', SLA_METRICS)} aria-label={t('admin.sla.metric')} />
          </Form.Item>
          <Form.Item name="party" label={t('admin.sla.party')}>
            <Select options={options('party', SLA_PARTIES)} aria-label={t('admin.sla.party')} />
          </Form.Item>
        </div>
        <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '4px 16px', marginBottom: 16 }}>
          <legend style={{ width: 'auto', fontSize: 14, padding: '0 4px', marginBottom: 0, border: 0 }}>{t('admin.sla.match')}</legend>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', columnGap: 12 }}>
            <Form.Item name={['match', 'severity']} label={t('admin.sla.matchField.severity')}>
              <Select allowClear placeholder={any} options={anyOption('severity', SEVERITIES)} />
            </Form.Item>
            <Form.Item name={['match', 'kind']} label={t('admin.sla.matchField.kind')}>
              <Select allowClear placeholder={any} options={anyOption('kind', CASE_KINDS)} />
            </Form.Item>
            <Form.Item name={['match', 'category']} label={t('admin.sla.matchField.category')}>
              <Select allowClear placeholder={any} options={anyOption('admin.category', KB_CATEGORIES)} />
            </Form.Item>
            <Form.Item name={['match', 'channel']} label={t('admin.sla.matchField.channel')}>
              <Select allowClear placeholder={any} options={anyOption('channel', CHANNELS)} />
            </Form.Item>
            <Form.Item name={['match', 'tier']} label={t('admin.sla.matchField.tier')}>
              <Select allowClear placeholder={any} options={anyOption('admin.tier', MEMBERSHIP_TIERS)} />
            </Form.Item>
            <Form.Item name={['match', 'merchantId']} label={t('admin.sla.matchField.merchantId')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={any} options={merchants.map((m) => ({ value: m.id, label: m.name }))} />
            </Form.Item>
          </div>
        </fieldset>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
          <Form.Item name={['duration', 'amount']} label={t('admin.sla.duration')} rules={[{ required: true, message: t('admin.common.required') }]}>
            <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} aria-label={t('admin.sla.duration')} />
          </Form.Item>
          <Form.Item name={['duration', 'unit']} label=" ">
            <Select options={options('admin.sla.unit', DURATION_UNITS)} aria-label="unit" />
          </Form.Item>
          <Form.Item name="warnBeforeMinutes" label={t('admin.sla.warnBefore')}>
            <InputNumber min={0} max={525_600} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="pauseStates" label={t('admin.sla.pauseStates')}>
          {/* No clock runs in a closed state: the API refuses pausing there. */}
          <Select mode="multiple" allowClear options={options('state', CASE_STATES.filter((s) => !CLOSED_STATES.includes(s)))} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="breachActions" label={t('admin.sla.breachActions')}>
            <Select mode="multiple" allowClear options={options('admin.sla.breachAction', BREACH_ACTIONS)} />
          </Form.Item>
          <Form.Item name="reassignQueue" label={t('admin.sla.reassignQueue')} hidden={!actions.includes('reassign')}>
            <Select allowClear options={(queues.data?.items ?? []).filter((q) => q.active).map((q) => ({ value: q.key, label: pick(q.name, language) }))} />
          </Form.Item>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="autoOutcome" label={t('admin.sla.autoOutcome')} extra={t('admin.sla.outcomeHint')}>
            <Select
              allowClear
              placeholder={t('admin.common.none')}
              options={AUTO_OUTCOMES.filter((o) => OUTCOME_METRIC[o] === metric).map((o) => ({ value: o, label: t(`autoOutcome.${o}`) }))}
            />
          </Form.Item>
          <Form.Item name="calendarId" label={t('admin.sla.calendar')}>
            <Select allowClear placeholder={t('admin.sla.defaultCalendar')} options={calendars.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </div>
        <Form.Item name="active" label={t('admin.sla.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
