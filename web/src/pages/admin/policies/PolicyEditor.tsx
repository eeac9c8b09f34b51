// A new version of a policy, started from the one in force. For a merchant the draft is checked
// against the law and the platform baseline while it is edited (warnings on the clauses); when the
// API refuses it, its problem's field errors are put on the clauses it names.
import { Alert, App, Button, Drawer, Form, type FormInstance, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PolicyDraft, type PolicyScope, usePolicyCheck, usePublishPolicy } from '../../../api/admin.policy.queries.ts';
import { PRODUCT_FLAGS, type PolicyRules, type PolicyViolation } from '../../../api/admin.types.ts';
import { isApiError } from '../../../api/client.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../../i18n/index.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { CategorySelect, FormProblem, useOptions } from '../shared.tsx';
import { ALL_CLAUSES, type Clause, clauseFieldOf, formToRules, groupsFor, rulesToForm } from './policyFields.ts';

type FormValues = PolicyRules & { effectiveFrom?: string };
/** Field paths are built from the clause list, so they are plain string arrays here. */
type FieldList = Parameters<FormInstance<FormValues>['setFields']>[0];

/** 'YYYY-MM-DDTHH:mm' typed as China time → ISO instant. */
function chinaTimeToIso(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const date = new Date(`${local}:00+08:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function ClauseInput({ clause, disabled }: { clause: Clause; disabled: boolean }) {
  const { t } = useTranslation();
  const options = useOptions();
  const label = t(`admin.policy.field.${clause.label}`);
  const common = { name: clause.path, label, style: { marginBottom: 12 } };
  switch (clause.kind) {
    case 'switch':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch aria-label={label} />
        </Form.Item>
      );
    case 'flags':
      return (
        <Form.Item {...common}>
          <Select mode="multiple" aria-label={label} options={options('flag', PRODUCT_FLAGS)} />
        </Form.Item>
      );
    case 'categories':
      return (
        <Form.Item {...common}>
          <CategorySelect aria-label={label} placeholder={t('admin.policy.categoriesHint')} />
        </Form.Item>
      );
    case 'choice':
      return (
        <Form.Item {...common}>
          <Select aria-label={label} options={options(`admin.policy.${clause.choiceLabels ?? ''}`, clause.choices ?? [])} disabled={disabled} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item {...common} rules={[{ required: true, message: t('admin.common.required') }]}>
          <InputNumber
            aria-label={label}
            min={clause.kind === 'count' ? 1 : 0}
            precision={clause.kind === 'yuan' ? 2 : clause.kind === 'times' ? 1 : 0}
            step={clause.kind === 'times' ? 0.5 : 1}
            disabled={disabled}
            style={{ width: '100%' }}
          />
        </Form.Item>
      );
  }
}

function CheckPanel({ merchantId, draft }: { merchantId: string | null; draft: PolicyDraft | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const check = usePolicyCheck(merchantId, draft);
  if (!merchantId) return <Alert type="info" showIcon title={t('admin.policy.check.platformNote')} />;
  if (check.isError) return <ProblemAlert error={check.error} />;
  if (!check.data) return <Alert type="info" showIcon title={t('admin.policy.check.checking')} />;
  const { lawViolations, baselineViolations, acceptable } = check.data;
  if (acceptable) return <Alert type="success" showIcon title={t('admin.policy.check.ok')} data-testid="policy-check" />;
  const list = (title: string, items: PolicyViolation[]) =>
    items.length > 0 ? (
      <div>
        <Typography.Text strong>{title}</Typography.Text>
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {items.map((v) => (
            <li key={v.path}>{pick(v.text, language)}</li>
          ))}
        </ul>
      </div>
    ) : null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="policy-check"
      title={t('admin.policy.check.title')}
      description={
        <Space orientation="vertical" size={4}>
          {list(t('admin.policy.check.law'), lawViolations)}
          {list(t('admin.policy.check.baseline'), baselineViolations)}
        </Space>
      }
    />
  );
}

export function PolicyEditor({ scope, name, base, onClose }: { scope: PolicyScope; name: string; base: PolicyRules; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const [form] = Form.useForm<FormValues>();
  const publish = usePublishPolicy(scope);
  const [placed, setPlaced] = useState(false);
  const initial = useMemo(() => rulesToForm(base), [base]);
  const watched = Form.useWatch([], form) as FormValues | undefined;
  const draft = useDebounced<PolicyDraft | null>(watched ? { rules: formToRules(watched, base, scope ? 'merchant' : 'platform'), effectiveFrom: chinaTimeToIso(watched.effectiveFrom) } : null, 400);
  const check = usePolicyCheck(scope, draft);

  // The live check's findings are warnings on their clauses (errors come from a refused publication).
  useEffect(() => {
    const found = new Map<string, string[]>();
    for (const v of [...(check.data?.lawViolations ?? []), ...(check.data?.baselineViolations ?? [])]) {
      const key = clauseFieldOf(v.path).join('.');
      found.set(key, [...(found.get(key) ?? []), pick(v.text, language)]);
    }
    form.setFields(ALL_CLAUSES.map((c) => ({ name: c.path, warnings: found.get(c.path.join('.')) ?? [] })) as FieldList);
  }, [check.data, form, language]);

  const submit = (values: FormValues) =>
    publish.mutate(
      { rules: formToRules(values, base, scope ? 'merchant' : 'platform'), effectiveFrom: chinaTimeToIso(values.effectiveFrom) },
      {
        onSuccess: (saved) => {
          void message.success(t('admin.policy.published', { version: saved.version }));
          onClose();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const issues = error.problem.errors ?? (error.problem.field ? [{ field: error.problem.field, message: error.problem.detail }] : []);
          const grouped = new Map<string, string[]>();
          for (const issue of issues) {
            const path = issue.field.replace(/^body\./, '') === 'effectiveFrom' ? ['effectiveFrom'] : clauseFieldOf(issue.field);
            grouped.set(path.join('.'), [...(grouped.get(path.join('.')) ?? []), issue.message]);
          }
          form.setFields([...grouped].map(([path, errors]) => ({ name: path.split('.'), errors })) as FieldList);
          setPlaced(issues.length > 0 && [...grouped.keys()].every((path) => path === 'effectiveFrom' || ALL_CLAUSES.some((c) => c.path.join('.') === path)));
        },
      },
    );

  return (
    <Drawer
      open
      size={780}
      title={t('admin.policy.newVersionTitle', { name })}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" loading={publish.isPending} onClick={() => form.submit()} data-testid="policy-publish">
            {t('admin.policy.publish')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
        <CheckPanel merchantId={scope} draft={draft} />
        {publish.isError ? <FormProblem error={publish.error} placed={placed} /> : null}
      </Space>
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="policy-form">
        <Form.Item name="effectiveFrom" label={t('admin.policy.effectiveFromInput')} extra={t('admin.policy.effectiveFromHint')}>
          <Input type="datetime-local" style={{ maxWidth: 260 }} />
        </Form.Item>
        {groupsFor(scope ? 'merchant' : 'platform').map((group) => (
          <fieldset key={group.key} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '4px 16px 4px', marginBottom: 16 }}>
            <legend style={{ width: 'auto', fontSize: 14, fontWeight: 600, padding: '0 4px', marginBottom: 0, border: 0 }}>
              {t(`admin.policy.group.${group.key}`)}
            </legend>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16 }}>
              {group.clauses.map((clause) => (
                <div key={clause.path.join('.')} style={clause.kind === 'flags' || clause.kind === 'categories' ? { gridColumn: '1 / -1' } : undefined}>
                  <ClauseInput clause={clause} disabled={clause.when ? !valueOf(watched, clause.when) : false} />
                </div>
              ))}
            </div>
          </fieldset>
        ))}
      </Form>
    </Drawer>
  );
}

function valueOf(values: FormValues | undefined, path: string[]): boolean {
  let node: unknown = values;
  for (const key of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node === undefined ? true : Boolean(node);
}
