// Making an integration token: name, scopes, expiry; the answer's secret is shown once to copy.
import { Alert, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CreatedToken, TOKEN_SCOPES, type TokenScope, useCreateToken } from '../../api/account.queries.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../lib/forms.ts';

interface Values {
  name: string;
  scopes: TokenScope[];
  expiresInDays: number;
}

const NEVER = 0;

export const scopeKey = (scope: string) => `account.scope.${scope.replace(':', '_')}`;

export function NewTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateToken();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const close = () => {
    setCreated(null);
    create.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('account.tokens.createTitle')}
      onCancel={close}
      destroyOnHidden
      okText={created ? t('account.tokens.done') : t('common.submit')}
      cancelButtonProps={created ? { style: { display: 'none' } } : {}}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => (created ? close() : form.submit())}
    >
      {created ? (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="new-token">
          <Alert type="warning" showIcon title={t('account.tokens.shownOnce')} />
          <Typography.Paragraph copyable={{ text: created.token }} code style={{ wordBreak: 'break-all', marginBottom: 0 }} data-testid="new-token-secret">
            {created.token}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('account.tokens.usage')}</Typography.Text>
        </Space>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ scopes: ['cases:read'], expiresInDays: 90 }}
          onFinish={(values) =>
            create.mutate(
              { name: values.name, scopes: values.scopes, expiresInDays: values.expiresInDays === NEVER ? null : values.expiresInDays },
              { onSuccess: setCreated, onError: (error) => showFieldErrors(form, error, ['name', 'scopes', 'expiresInDays']) },
            )
          }
        >
          {create.isError ? (
            <div style={{ marginBottom: 16 }}>
              <ProblemAlert error={create.error} />
            </div>
          ) : null}
          <Form.Item name="name" label={t('account.tokens.name')} rules={[{ required: true, whitespace: true, message: t('account.tokens.nameRequired') }]}>
            <Input maxLength={80} placeholder={t('account.tokens.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="scopes" label={t('account.tokens.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('account.tokens.scopesRequired') }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', rowGap: 6 }}>
              {TOKEN_SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope}>
                  <Typography.Text code>{scope}</Typography.Text> {t(scopeKey(scope))}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('account.tokens.expiry')}>
            <Select
              options={[
                ...[30, 90, 365].map((count) => ({ value: count, label: t('account.tokens.days', { count }) })),
                { value: NEVER, label: t('account.tokens.noExpiry') },
              ]}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
