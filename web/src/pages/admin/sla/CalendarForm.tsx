// Add or change a business calendar: name, time zone, working periods, the Chinese holiday rule,
// closures and extra working days. A change moves the working-time clocks already running on it.
import { App, Button, Drawer, Form, Input, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveCalendar } from '../../../api/admin.sla.queries.ts';
import type { BusinessCalendar, CalendarSpec } from '../../../api/admin.types.ts';
import { showFieldErrors } from '../../../lib/forms.ts';
import { FormProblem, TagsInput } from '../shared.tsx';

interface Values {
  name: string;
  isDefault: boolean;
  spec: CalendarSpec;
}

const DEFAULT_SPEC: CalendarSpec = {
  timeZone: 'Asia/Shanghai',
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  chineseHolidays: true,
  closures: [],
  extraWorkingDays: [],
};
const FIELDS = ['name', 'isDefault', 'spec.timeZone', 'spec.workingHours', 'spec.chineseHolidays', 'spec.closures', 'spec.extraWorkingDays'];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function CalendarForm({ calendar, onClose }: { calendar: BusinessCalendar | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveCalendar();
  const [placed, setPlaced] = useState(false);
  const submit = (values: Values) =>
    save.mutate(
      { id: calendar?.id ?? null, input: values },
      {
        onSuccess: () => {
          void message.success(t('admin.common.saved'));
          onClose();
        },
        // An error inside one period (spec.workingHours.1) stays in the alert above the form.
        onError: (error) => setPlaced(showFieldErrors(form, error, FIELDS)),
      },
    );
  const dates = { validator: (_: unknown, v: string[] | undefined) => ((v ?? []).every((d) => DATE.test(d)) ? Promise.resolve() : Promise.reject(new Error(t('admin.sla.datesHint')))) };
  return (
    <Drawer
      open
      size={560}
      title={calendar ? t('admin.sla.editCalendar', { name: calendar.name }) : t('admin.sla.newCalendar')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('admin.common.save')}
          </Button>
        </Space>
      }
    >
      {save.isError ? <FormProblem error={save.error} placed={placed} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={calendar ? { name: calendar.name, isDefault: calendar.isDefault, spec: calendar.spec } : { name: '', isDefault: false, spec: DEFAULT_SPEC }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('admin.sla.name')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name={['spec', 'timeZone']} label={t('admin.sla.timeZone')} rules={[{ required: true, message: t('admin.common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('admin.sla.workingHours')} required>
          <Form.List name={['spec', 'workingHours']}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'start']} rules={[{ pattern: TIME, required: true, message: 'HH:mm' }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('admin.sla.start')} style={{ width: 100 }} aria-label={t('admin.sla.start')} />
                    </Form.Item>
                    –
                    <Form.Item name={[field.name, 'end']} rules={[{ pattern: TIME, required: true, message: 'HH:mm' }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('admin.sla.end')} style={{ width: 100 }} aria-label={t('admin.sla.end')} />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button size="small" onClick={() => remove(field.name)}>
                        ×
                      </Button>
                    ) : null}
                  </Space>
                ))}
                <Button size="small" onClick={() => add({ start: '09:00', end: '18:00' })}>
                  {t('admin.sla.addPeriod')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name={['spec', 'chineseHolidays']} label={t('admin.sla.chineseHolidays')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name={['spec', 'closures']} label={t('admin.sla.closures')} extra={t('admin.sla.datesHint')} rules={[dates]}>
          <TagsInput placeholder="2026-11-11" />
        </Form.Item>
        <Form.Item name={['spec', 'extraWorkingDays']} label={t('admin.sla.extraWorkingDays')} extra={t('admin.sla.datesHint')} rules={[dates]}>
          <TagsInput placeholder="2026-10-10" />
        </Form.Item>
        <Form.Item name="isDefault" label={t('admin.sla.isDefault')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
