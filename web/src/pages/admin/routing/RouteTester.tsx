// "Which rule would match this case?": an existing case's number, or described facts, through
// POST /routing/explain (nothing is applied). With unsaved edits, the draft list can be tried.
import { Button, Card, Checkbox, Form, Input, List, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExplainRouting } from '../../../api/admin.routing.queries.ts';
import { MEMBERSHIP_TIERS, type MerchantListing, type RoutingFactsInput, type RoutingRule, UI_LANGUAGES } from '../../../api/admin.types.ts';
import { KB_CATEGORIES } from '../../../api/kb.types.ts';
import { CHANNELS } from '../../../api/sla.types.ts';
import { CASE_KINDS, SEVERITIES } from '../../../api/types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../../i18n/index.ts';
import { TagsInput, useOptions } from '../shared.tsx';

const START: RoutingFactsInput = {
  severity: 'L3', kind: 'return_refund', category: null, channel: 'web', productCategories: [], merchantId: null, customerTier: null, language: 'zh-CN', platformIntervention: false,
};

export function RouteTester({ draft, merchants }: { draft: RoutingRule[] | null; merchants: MerchantListing[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const options = useOptions();
  const explain = useExplainRouting();
  const [mode, setMode] = useState<'facts' | 'case'>('facts');
  const [caseNo, setCaseNo] = useState('');
  const [useDraft, setUseDraft] = useState(true);
  const [form] = Form.useForm<RoutingFactsInput>();
  const run = () => {
    if (mode === 'case') {
      if (caseNo.trim()) explain.mutate({ caseNo: caseNo.trim() });
      return;
    }
    const facts = form.getFieldsValue(true);
    explain.mutate({
      facts: { ...facts, category: facts.category ?? null, merchantId: facts.merchantId ?? null, customerTier: facts.customerTier ?? null },
      ...(draft && useDraft ? { rules: draft } : {}),
    });
  };
  const result = explain.data;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(320px, 440px) minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('admin.routing.testerSubtitle')}</Typography.Paragraph>
        <Segmented
          block
          value={mode}
          onChange={(v) => setMode(v as 'facts' | 'case')}
          options={[
            { value: 'facts', label: t('admin.routing.byFacts') },
            { value: 'case', label: t('admin.routing.byCase') },
          ]}
          style={{ marginBottom: 12 }}
        />
        {mode === 'case' ? (
          <Input
            value={caseNo}
            onChange={(e) => setCaseNo(e.target.value)}
            onPressEnter={run}
            placeholder="AS20261110000001"
            aria-label={t('admin.routing.caseNo')}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <Form<RoutingFactsInput> form={form} layout="vertical" size="small" initialValues={START} data-testid="route-tester-form">
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
              <Form.Item name="severity" label={t('admin.routing.condition.severity')}>
                <Select options={options('severity', SEVERITIES)} />
              </Form.Item>
              <Form.Item name="kind" label={t('admin.routing.condition.kind')}>
                <Select options={options('kind', CASE_KINDS)} />
              </Form.Item>
              <Form.Item name="category" label={t('admin.routing.condition.category')}>
                <Select allowClear placeholder={t('admin.common.none')} options={options('admin.category', KB_CATEGORIES)} />
              </Form.Item>
              <Form.Item name="channel" label={t('admin.routing.condition.channel')}>
                <Select options={options('channel', CHANNELS)} />
              </Form.Item>
              <Form.Item name="merchantId" label={t('admin.routing.condition.merchantId')}>
                <Select allowClear placeholder={t('admin.common.none')} options={merchants.map((m) => ({ value: m.id, label: m.name }))} />
              </Form.Item>
              <Form.Item name="customerTier" label={t('admin.routing.condition.customerTier')}>
                <Select allowClear placeholder={t('admin.common.none')} options={options('admin.tier', MEMBERSHIP_TIERS)} />
              </Form.Item>
              <Form.Item name="language" label={t('admin.routing.condition.language')}>
                <Select options={options('admin.locale', UI_LANGUAGES)} />
              </Form.Item>
              <Form.Item name="platformIntervention" label={t('admin.routing.condition.platformIntervention')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </div>
            <Form.Item name="productCategories" label={t('admin.routing.productCategories')}>
              <TagsInput placeholder={t('admin.routing.tagsHint')} />
            </Form.Item>
            {draft ? (
              <Checkbox checked={useDraft} onChange={(e) => setUseDraft(e.target.checked)} style={{ marginBottom: 12 }}>
                {t('admin.routing.useDraft')}
              </Checkbox>
            ) : null}
          </Form>
        )}
        <Button type="primary" block onClick={run} loading={explain.isPending} data-testid="route-tester-run">
          {t('admin.routing.run')}
        </Button>
      </Card>
      <div>
        {explain.isError ? <ProblemAlert error={explain.error} /> : null}
        {result ? (
          <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="route-tester-result">
            <Card size="small" title={t('admin.routing.decision', { queue: result.decision.queueName ? pick(result.decision.queueName, language) : result.decision.queue })}>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                {t('admin.routing.matchedRule')}: {result.decision.rule ? <Typography.Text code>{result.decision.rule}</Typography.Text> : t('admin.routing.noRule')}
              </Typography.Paragraph>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {result.decision.reasons.map((r, i) => (
                  <li key={`${r.rule}-${i}`}>{pick(r.text, language)}</li>
                ))}
              </ul>
            </Card>
            <Card size="small" title={t('admin.routing.evaluation')}>
              <List
                size="small"
                dataSource={result.rules}
                renderItem={(r) => (
                  <List.Item>
                    <div style={{ width: '100%' }}>
                      <Space>
                        <Tag color={r.matched ? 'green' : r.active ? 'default' : 'default'}>
                          {!r.active ? t('admin.routing.inactiveRule') : r.matched ? t('admin.routing.matched') : t('admin.routing.notMatched')}
                        </Tag>
                        <Typography.Text strong={r.rule === result.decision.rule}>{pick(r.name, language)}</Typography.Text>
                      </Space>
                      {r.checks.map((c) => (
                        <div key={c.condition} style={{ fontSize: 12, marginInlineStart: 8 }}>
                          <Typography.Text type={c.matched ? 'success' : 'secondary'}>{`${c.matched ? '✓' : '✗'} ${pick(c.text, language)}`}</Typography.Text>
                        </div>
                      ))}
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        ) : null}
      </div>
    </div>
  );
}
