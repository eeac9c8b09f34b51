// Write or change a reply template: its match keys, its text with the variables it may use
// (click to insert), and a live preview of the text as a customer would read it, filled with
// sample values or a case's, with any wording the service rules forbid.
import { Alert, App, Button, Card, Drawer, Form, Input, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveReplyTemplate, useTemplatePreview } from '../../../api/admin.content.queries.ts';
import { REPLY_VARIABLES, type ReplyTemplate, type ReplyTemplateInput, UI_LANGUAGES } from '../../../api/admin.types.ts';
import { KB_CATEGORIES } from '../../../api/kb.types.ts';
import { CASE_KINDS, CASE_STATES, SEVERITIES } from '../../../api/types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../../i18n/index.ts';
import { showFieldErrors } from '../../../lib/forms.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { FormProblem, useOptions } from '../shared.tsx';

const FIELDS = ['name', 'locale', 'category', 'kind', 'state', 'severity', 'body', 'active'];

function Preview({ body, locale }: { body: string; locale: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [source, setSource] = useState<'sample' | 'case'>('sample');
  const [caseNo, setCaseNo] = useState('');
  const settled = useDebounced({ body, locale, caseNo: source === 'case' && caseNo.trim() ? caseNo.trim() : undefined }, 300);
  const preview = useTemplatePreview(settled);
  return (
    <Card size="small" title={t('admin.templates.preview')} data-testid="template-preview">
      <Radio.Group value={source} onChange={(e) => setSource(e.target.value as 'sample' | 'case')} style={{ marginBottom: 8 }}>
        <Radio value="sample">{t('admin.templates.previewSample')}</Radio>
        <Radio value="case">{t('admin.templates.previewCase')}</Radio>
      </Radio.Group>
      {source === 'case' ? (
        <Input size="small" value={caseNo} onChange={(e) => setCaseNo(e.target.value)} placeholder={t('admin.templates.caseNoPlaceholder')} style={{ marginBottom: 8 }} />
      ) : null}
      {preview.isError ? <ProblemAlert error={preview.error} /> : null}
      {!body.trim() ? (
        <Typography.Text type="secondary">{t('admin.templates.previewEmpty')}</Typography.Text>
      ) : preview.data ? (
        <>
          <div data-testid="template-preview-text" style={{ whiteSpace: 'pre-wrap', background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 8, padding: 12 }}>
            {preview.data.text}
          </div>
          {preview.data.missing.length > 0 ? (
            <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('admin.templates.missing', { names: preview.data.missing.join(', ') })}
            </Typography.Paragraph>
          ) : null}
          {preview.data.wordingFlags.map((f, i) => (
            <Alert
              key={`${f.phrase}-${i}`}
              type="error"
              showIcon
              style={{ marginTop: 8 }}
              title={t('admin.templates.flagged', { phrase: f.phrase, alternative: pick(f.alternative, language) })}
            />
          ))}
        </>
      ) : null}
    </Card>
  );
}

export function TemplateEditor({ template, onClose }: { template: ReplyTemplate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const options = useOptions();
  const [form] = Form.useForm<ReplyTemplateInput>();
  const save = useSaveReplyTemplate();
  const [placed, setPlaced] = useState(false);
  const bodyRef = useRef<TextAreaRef>(null);
  const body = (Form.useWatch('body', form) as string | undefined) ?? template?.body ?? '';
  const locale = (Form.useWatch('locale', form) as string | undefined) ?? template?.locale ?? 'zh-CN';
  const insert = (name: string) => {
    const area = bodyRef.current?.resizableTextArea?.textArea;
    const current: string = form.getFieldValue('body') ?? '';
    const at = area ? area.selectionStart : current.length;
    const end = area ? area.selectionEnd : current.length;
    const token = `{{${name}}}`;
    form.setFieldValue('body', current.slice(0, at) + token + current.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const submit = (values: ReplyTemplateInput) =>
    save.mutate(
      { id: template?.id ?? null, input: { ...values, category: values.category ?? null, kind: values.kind ?? null, state: values.state ?? null, severity: values.severity ?? null } },
      {
        onSuccess: () => {
          void message.success(t('admin.common.saved'));
          onClose();
        },
        onError: (error) => setPlaced(showFieldErrors(form, error, FIELDS)),
      },
    );
  const any = t('admin.templates.anyValue');
  return (
    <Drawer
      open
      size={1040}
      title={template ? `${t('admin.templates.editTemplate')} · ${template.name} · v${template.version}` : t('admin.templates.newTemplate')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="template-save">
            {t('admin.common.save')}
          </Button>
        </Space>
      }
    >
      {save.isError ? (
        <div style={{ marginBottom: 12 }}>
          <FormProblem error={save.error} placed={placed} />
        </div>
      ) : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 20, alignItems: 'start' }}>
        <Form<ReplyTemplateInput>
          form={form}
          layout="vertical"
          data-testid="template-form"
          initialValues={template ?? { name: '', locale: 'zh-CN', category: null, kind: null, state: null, severity: null, body: '', active: true }}
          onFinish={submit}
        >
          <Form.Item name="name" label={t('admin.templates.name')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
            <Input maxLength={120} />
          </Form.Item>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12 }}>
            <Form.Item name="locale" label={t('admin.templates.locale')}>
              <Select options={options('admin.locale', UI_LANGUAGES)} />
            </Form.Item>
            <Form.Item name="category" label={t('admin.templates.category')}>
              <Select allowClear placeholder={any} options={options('admin.category', KB_CATEGORIES)} />
            </Form.Item>
            <Form.Item name="kind" label={t('admin.templates.kind')}>
              <Select allowClear placeholder={any} options={options('kind', CASE_KINDS)} />
            </Form.Item>
            <Form.Item name="state" label={t('admin.templates.state')}>
              <Select allowClear placeholder={any} options={options('state', CASE_STATES)} />
            </Form.Item>
            <Form.Item name="severity" label={t('admin.templates.severity')}>
              <Select allowClear placeholder={any} options={options('severity', SEVERITIES)} />
            </Form.Item>
          </div>
          <Form.Item name="body" label={t('admin.templates.body')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
            <Input.TextArea ref={bodyRef} rows={8} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name="active" label={t('admin.templates.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title={t('admin.templates.variables')} data-testid="template-variables">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('admin.templates.variablesHint')}
            </Typography.Paragraph>
            <Space size={[4, 6]} wrap>
              {REPLY_VARIABLES.map((v) => (
                <Button key={v} size="small" onClick={() => insert(v)} title={t(`admin.templates.variable.${v}`)}>
                  <Tag bordered={false} style={{ marginInlineEnd: 4 }}>{`{{${v}}}`}</Tag>
                  {t(`admin.templates.variable.${v}`)}
                </Button>
              ))}
            </Space>
          </Card>
          <Preview body={body} locale={locale} />
        </Space>
      </div>
    </Drawer>
  );
}
