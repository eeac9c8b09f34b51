// The order's delivery address: changed by the customer before dispatch (or by staff for them,
// with a reason), with every change listed (IN-6, IN-7).
import { App, Button, Card, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeShippingAddress } from '../../api/selfservice.queries.ts';
import type { AddressChange, AddressParts, OrderDetail } from '../../api/types.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { showFieldErrors } from '../../lib/forms.ts';

type Values = AddressParts & { reason?: string };
const FIELDS = ['recipientName', 'phone', 'province', 'city', 'district', 'detail', 'postalCode', 'reason'] as const;

/** Before dispatch: paid, and no outbound parcel has left (the API decides; this only hides the button). */
function dispatched(order: OrderDetail): boolean {
  return order.status !== 'paid' || order.shipments.some((s) => s.direction === 'outbound' && (s.shippedAt !== null || s.status !== 'created'));
}

function History({ changes }: { changes: AddressChange[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  return (
    <List<AddressChange>
      size="small"
      header={<Typography.Text strong>{t('address.history')}</Typography.Text>}
      dataSource={[...changes].reverse()}
      renderItem={(c) => (
        <List.Item key={c.id}>
          <Space orientation="vertical" size={0}>
            <Typography.Text type="secondary">{t('address.changedBy', { time: formatDateTime(c.changedAt, language), role: word('role', c.actorRole) })}{c.reason ? ` · ${c.reason}` : ''}</Typography.Text>
            <Typography.Text delete type="secondary">{t('address.from')}: {c.from ?? '—'}</Typography.Text>
            <Typography.Text>{t('address.to')}: {c.to ?? '—'}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

export function AddressCard({ order, canChange, onBehalf }: { order: OrderDetail; canChange: boolean; onBehalf: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const change = useChangeShippingAddress(order.orderNo);
  const changes = order.addressChanges ?? [];
  const locked = dispatched(order);
  const latest = changes.at(-1)?.toParts ?? undefined;

  const submit = (values: Values) =>
    change.mutate(
      { ...values, postalCode: values.postalCode?.trim() || undefined, reason: values.reason?.trim() || undefined } as Values,
      {
        onSuccess: (result) => {
          void message.success(result.changed ? t('address.saved') : t('address.unchanged'));
          setOpen(false);
        },
        onError: (error) => showFieldErrors(form, error, FIELDS),
      },
    );

  return (
    <Card
      title={t('address.title')}
      size="small"
      data-testid="address-card"
      extra={
        canChange && !locked ? (
          <Button size="small" type="primary" onClick={() => { change.reset(); setOpen(true); }}>
            {t('address.change')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>{order.shippingAddress || t('address.none')}</Typography.Paragraph>
      {canChange && locked && order.status !== 'cancelled' ? <Typography.Text type="secondary">{t('address.locked')}</Typography.Text> : null}
      {changes.length > 0 ? <History changes={changes} /> : null}
      <Modal
        open={open}
        title={t('address.change')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={change.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {change.isError ? <div style={{ marginBottom: 12 }}><ProblemAlert error={change.error} /></div> : null}
        <Form<Values> form={form} layout="vertical" preserve={false} initialValues={latest} onFinish={submit}>
          <Space wrap style={{ display: 'flex' }}>
            <Form.Item name="recipientName" label={t('address.recipientName')} rules={[{ required: true, whitespace: true, message: t('fields.required') }]}>
              <Input maxLength={50} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="phone" label={t('address.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('address.phoneInvalid') }]}>
              <Input maxLength={11} inputMode="numeric" style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Space wrap style={{ display: 'flex' }}>
            {(['province', 'city', 'district'] as const).map((name) => (
              <Form.Item key={name} name={name} label={t(`address.${name}`)} rules={[{ required: true, whitespace: true, message: t('fields.required') }]}>
                <Input maxLength={50} style={{ width: 140 }} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="detail" label={t('address.detail')} rules={[{ required: true, whitespace: true, min: 2, message: t('fields.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="postalCode" label={t('address.postalCode')} rules={[{ pattern: /^\d{6}$/, message: t('address.postalCodeInvalid') }]}>
            <Input maxLength={6} inputMode="numeric" style={{ width: 140 }} />
          </Form.Item>
          {onBehalf ? (
            <Form.Item name="reason" label={t('address.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('address.reasonRequired') }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}
