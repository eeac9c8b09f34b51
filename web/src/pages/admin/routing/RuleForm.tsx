// One routing rule's conditions and actions. The change goes into the unsaved rule list; "Save
// rules" sends the whole list (the API replaces it as one version).
import { Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_SKILL_SOURCES, MEMBERSHIP_TIERS, type MerchantListing, type Queue, type RoutingRule, type RuleConditions, UI_LANGUAGES } from '../../../api/admin.types.ts';
import { KB_CATEGORIES } from '../../../api/kb.types.ts';
import { CHANNELS } from '../../../api/sla.types.ts';
import { CASE_KINDS, SEVERITIES, STAFF_ROLES } from '../../../api/types.ts';
import { pick, useLanguage } from '../../../i18n/index.ts';
import { CategorySelect, TagsInput, useOptions } from '../shared.tsx';

type Tri = 'any' | 'yes' | 'no';
type ListKey = Exclude<keyof RuleConditions, 'merchantPlatformOperated' | 'platformIntervention'>;
interface Values {
  key: string;
  name: { 'zh-CN': string; 'en-US': string };
  active: boolean;
  conditions: Partial<Record<ListKey, string[]>> & { merchantPlatformOperated: Tri; platformIntervention: Tri };
  actions: RoutingRule['actions'];
}

const LIST_KEYS: ListKey[] = ['severity', 'kind', 'category', 'channel', 'productCategory', 'merchantId', 'customerTier', 'language'];
const KEY_PATTERN = /^[a-z][a-z0-9_-]{1,63}$/;
const toTri = (v: boolean | undefined): Tri => (v === undefined ? 'any' : v ? 'yes' : 'no');
const fromTri = (v: Tri): boolean | undefined => (v === 'any' ? undefined : v === 'yes');

function toValues(rule: RoutingRule): Values {
  return {
    key: rule.key,
    name: { 'zh-CN': rule.name['zh-CN'], 'en-US': rule.name['en-US'] },
    active: rule.active,
    conditions: {
      ...Object.fromEntries(LIST_KEYS.map((k) => [k, rule.conditions[k] ?? []])),
      merchantPlatformOperated: toTri(rule.conditions.merchantPlatformOperated),
      platformIntervention: toTri(rule.conditions.platformIntervention),
    },
    actions: rule.actions,
  };
}

function toRule(values: Values): RoutingRule {
  const conditions: RuleConditions = {};
  for (const k of LIST_KEYS) {
    const list = values.conditions[k] ?? [];
    if (list.length > 0) conditions[k] = list;
  }
  const operated = fromTri(values.conditions.merchantPlatformOperated);
  const intervention = fromTri(values.conditions.platformIntervention);
  if (operated !== undefined) conditions.merchantPlatformOperated = operated;
  if (intervention !== undefined) conditions.platformIntervention = intervention;
  return { key: values.key.trim(), name: values.name, active: values.active, conditions, actions: values.actions };
}

export const NEW_RULE: RoutingRule = {
  key: '',
  name: { 'zh-CN': '', 'en-US': '' },
  active: true,
  conditions: {},
  actions: { queue: 'frontline', requiredSkills: { categories: [], kinds: [], languages: [], productCategories: [], senior: false }, skillsFromCase: [], notifyRoles: [], assign: true },
};

export function RuleForm(props: {
  rule: RoutingRule;
  takenKeys: string[];
  queues: Queue[];
  merchants: MerchantListing[];
  onDone: (rule: RoutingRule) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const options = useOptions();
  const [form] = Form.useForm<Values>();
  const tri = [
    { value: 'any', label: t('admin.routing.conditionAny') },
    { value: 'yes', label: t('admin.common.yes') },
    { value: 'no', label: t('admin.common.no') },
  ];
  const any = t('admin.routing.conditionAny');
  const condition = (key: ListKey, choices: { value: string; label: string }[]) => (
    <Form.Item key={key} name={['conditions', key]} label={t(`admin.routing.condition.${key}`)}>
      <Select mode="multiple" allowClear placeholder={any} options={choices} />
    </Form.Item>
  );
  return (
    <Drawer
      open
      size={760}
      title={props.rule.key ? t('admin.routing.editRule', { key: props.rule.key }) : t('admin.routing.newRule')}
      onClose={props.onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={props.onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" onClick={() => form.submit()} data-testid="rule-form-done">
            {t('common.confirm')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={toValues(props.rule)} onFinish={(v) => props.onDone(toRule(v))}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr 80px', columnGap: 12 }}>
          <Form.Item
            name="key"
            label={t('admin.routing.key')}
            extra={t('admin.routing.keyHint')}
            rules={[
              { required: true, message: t('admin.common.required') },
              { pattern: KEY_PATTERN, message: t('admin.routing.keyHint') },
              { validator: (_, v: string) => (props.takenKeys.includes(v?.trim()) ? Promise.reject(new Error(t('admin.routing.keyTaken'))) : Promise.resolve()) },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name={['name', 'zh-CN']} label={t('admin.routing.nameZh')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name={['name', 'en-US']} label={t('admin.routing.nameEn')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>
        <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '4px 16px', marginBottom: 16 }}>
          <legend style={{ width: 'auto', fontSize: 14, padding: '0 4px', marginBottom: 0, border: 0 }}>{t('admin.routing.conditions')}</legend>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
            {condition('severity', options('severity', SEVERITIES))}
            {condition('kind', options('kind', CASE_KINDS))}
            {condition('category', options('admin.category', KB_CATEGORIES))}
            {condition('channel', options('channel', CHANNELS))}
            <Form.Item key="productCategory" name={['conditions', 'productCategory']} label={t('admin.routing.condition.productCategory')}>
              <CategorySelect placeholder={any} />
            </Form.Item>
            {condition('merchantId', props.merchants.map((m) => ({ value: m.id, label: m.name })))}
            {condition('customerTier', options('admin.tier', MEMBERSHIP_TIERS))}
            {condition('language', options('admin.locale', UI_LANGUAGES))}
            <Form.Item name={['conditions', 'merchantPlatformOperated']} label={t('admin.routing.condition.merchantPlatformOperated')}>
              <Select options={tri} />
            </Form.Item>
            <Form.Item name={['conditions', 'platformIntervention']} label={t('admin.routing.condition.platformIntervention')}>
              <Select options={tri} />
            </Form.Item>
          </div>
        </fieldset>
        <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '4px 16px', marginBottom: 16 }}>
          <legend style={{ width: 'auto', fontSize: 14, padding: '0 4px', marginBottom: 0, border: 0 }}>{t('admin.routing.queue')}</legend>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
            <Form.Item name={['actions', 'queue']} label={t('admin.routing.queue')} rules={[{ required: true }]}>
              <Select options={props.queues.filter((q) => q.active).map((q) => ({ value: q.key, label: `${pick(q.name, language)} (${q.key})` }))} />
            </Form.Item>
            <Form.Item name={['actions', 'notifyRoles']} label={t('admin.routing.notify')}>
              <Select mode="multiple" allowClear options={options('role', [...STAFF_ROLES, 'merchant'])} />
            </Form.Item>
            <Form.Item name={['actions', 'assign']} label={t('admin.routing.assign')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name={['actions', 'requiredSkills', 'senior']} label={t('admin.routing.senior')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {(['categories', 'kinds', 'languages', 'productCategories'] as const).map((d) => (
              <Form.Item key={d} name={['actions', 'requiredSkills', d]} label={`${t('admin.routing.requiredSkills')} · ${t(`admin.routing.skill.${d}`)}`}>
                <TagsInput placeholder={t('admin.routing.tagsHint')} />
              </Form.Item>
            ))}
            <Form.Item name={['actions', 'skillsFromCase']} label={t('admin.routing.skillsFromCase')}>
              <Select mode="multiple" allowClear options={options('admin.routing.skillSource', CASE_SKILL_SOURCES)} />
            </Form.Item>
          </div>
        </fieldset>
      </Form>
    </Drawer>
  );
}
