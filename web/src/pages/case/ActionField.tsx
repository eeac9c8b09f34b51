// One field of an action form, drawn from its FieldSpec.
import { Button, Checkbox, Form, Input, InputNumber, Radio, Rate, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/types.ts';
import { taskName, useWord } from '../../components/Labels.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatFen } from '../../lib/money.ts';
import { type FieldSpec, formName, STEP_OWNER_ROLES } from './actionForms.ts';
import { CheckedTextArea } from './CheckedTextArea.tsx';
import { useSignedIn } from '../../auth/signed-in.ts';

export function useFieldLabel() {
  const { t } = useTranslation();
  return (spec: FieldSpec): string =>
    spec.name.startsWith('terms.') ? t(`terms.${spec.name.slice('terms.'.length)}`) : t(`fields.${spec.name.replaceAll('.', '_')}`);
}

interface Helpers {
  t: (key: string) => string;
  word: (group: string, code: string | null | undefined) => string;
  language: ReturnType<typeof useLanguage>;
  /** The caller writes to customers for the platform or a shop (staff, merchant): their wording is checked. */
  writesForPlatform: boolean;
}

/**
 * The input element itself (not a component around it): Form.Item hands id, value and onChange
 * to its direct child, so the child must be the antd control.
 */
function control(spec: FieldSpec, detail: CaseDetail, { t, word, language, writesForPlatform }: Helpers) {
  switch (spec.kind) {
    case 'text':
      return <Input maxLength={spec.max} />;
    case 'textarea':
      return spec.customerFacing ? (
        <CheckedTextArea rows={3} maxLength={spec.max} showCount={Boolean(spec.max)} checked={writesForPlatform} />
      ) : (
        <Input.TextArea rows={3} maxLength={spec.max} showCount={Boolean(spec.max)} />
      );
    case 'yuan':
      return <InputNumber min={0} max={spec.max !== undefined ? spec.max / 100 : 100_000_000} precision={2} step={1} prefix="¥" style={{ width: 200 }} />;
    case 'integer':
      return <InputNumber min={spec.min ?? 0} max={spec.max} precision={0} style={{ width: 200 }} />;
    case 'boolean':
      return <Checkbox />;
    case 'rating':
      return <Rate />;
    case 'select':
      return <Select options={(spec.options ?? []).map((code) => ({ value: code, label: word(spec.group ?? '', code) }))} />;
    case 'passed':
      return (
        <Radio.Group>
          <Radio value={true}>{t('fields.passedYes')}</Radio>
          <Radio value={false}>{t('fields.passedNo')}</Radio>
        </Radio.Group>
      );
    case 'task': {
      const open = detail.tasks.filter((task) => task.mayComplete);
      return (
        <Select
          placeholder={open.length === 0 ? t('fields.noOpenTasks') : undefined}
          options={open.map((task) => ({
            value: task.id,
            label: [
              task.amountFen === null ? taskName(task, word) : `${taskName(task, word)} ${formatFen(task.amountFen)}`,
              word('role', task.ownerRole),
              formatDateTime(task.dueAt, language),
            ].join(' · '),
          }))}
        />
      );
    }
    case 'photos':
      return (
        <Select
          mode="multiple"
          placeholder={detail.attachments.length === 0 ? t('fields.noPhotos') : undefined}
          options={detail.attachments.map((a) => ({ value: a.id, label: a.fileName }))}
        />
      );
  }
}

/** A plan's own steps: each with its owner, time limit and how it is verified (RES-1). */
function StepsField({ label }: { label: string }) {
  const { t } = useTranslation();
  const word = useWord();
  const required = [{ required: true, whitespace: true, message: t('fields.required') }];
  return (
    <Form.Item label={label}>
      <Form.List name="steps">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Space key={row.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[row.name, 'task']} rules={required} style={{ marginBottom: 0 }}>
                  <Input placeholder={t('fields.stepTask')} maxLength={64} aria-label={t('fields.stepTask')} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'ownerRole']} rules={[{ required: true, message: t('fields.required') }]} style={{ marginBottom: 0 }}>
                  <Select
                    placeholder={t('fields.stepOwner')}
                    aria-label={t('fields.stepOwner')}
                    style={{ width: 120 }}
                    options={STEP_OWNER_ROLES.map((role) => ({ value: role, label: word('role', role) }))}
                  />
                </Form.Item>
                <Form.Item name={[row.name, 'dueInHours']} rules={[{ required: true, message: t('fields.required') }]} style={{ marginBottom: 0 }}>
                  <InputNumber min={1} max={24 * 90} precision={0} placeholder={t('fields.stepDueInHours')} aria-label={t('fields.stepDueInHours')} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'verification']} rules={required} style={{ marginBottom: 0 }}>
                  <Input placeholder={t('fields.stepVerification')} maxLength={500} aria-label={t('fields.stepVerification')} style={{ width: 150 }} />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(row.name)}>
                  {t('common.remove')}
                </Button>
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()} disabled={rows.length >= 20}>
              {t('fields.addStep')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

export function ActionField({ spec, detail }: { spec: FieldSpec; detail: CaseDetail }) {
  const { t } = useTranslation();
  const word = useWord();
  const language = useLanguage();
  const role = useSignedIn()?.user.role;
  // The check-wording route serves staff and merchants, who write to customers; customers write for themselves.
  const writesForPlatform = role !== undefined && role !== 'customer';
  const label = useFieldLabel()(spec);
  if (spec.kind === 'steps') return <StepsField label={label} />;
  const rules: Rule[] = [];
  if (spec.required) rules.push({ required: true, message: t('fields.required'), ...(spec.kind === 'text' || spec.kind === 'textarea' ? { whitespace: true } : {}) });
  if (spec.pattern) rules.push({ pattern: spec.pattern, message: t('fields.trackingFormat') });
  const checkbox = spec.kind === 'boolean';
  return (
    <Form.Item
      name={formName(spec)}
      label={checkbox ? undefined : label}
      rules={rules}
      valuePropName={checkbox ? 'checked' : 'value'}
      style={checkbox ? { marginBottom: 4 } : undefined}
    >
      {checkbox ? <Checkbox>{label}</Checkbox> : control(spec, detail, { t, word, language, writesForPlatform })}
    </Form.Item>
  );
}
