// "Apply for after-sales" from an order item: kind and reason, the policy's answer shown first,
// then POST /cases. An ineligible request shows why and cannot be submitted. While the problem is
// described, help-centre answers are offered; one that solves it ends the request (a deflection).
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCreateCase, useEligibility, useOrder } from '../../api/queries.ts';
import { CASE_KINDS, type CaseKind, DESIRED_RESOLUTIONS, REQUEST_REASONS, type RequestReason } from '../../api/types.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../lib/forms.ts';
import { formatFen } from '../../lib/money.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { EligibilityPreview } from './EligibilityPreview.tsx';
import { KbSuggestions } from './KbSuggestions.tsx';

const CONDITIONS = ['opened', 'trialUse', 'damagedByCustomer', 'accessoriesComplete', 'packagingComplete'] as const;
/** Channels staff record a request from for a customer (IN-1, IN-4): a call, an email, a chat… */
const STAFF_CHANNELS = ['phone', 'chat', 'email', 'sms', 'social', 'forum', 'web', 'app'] as const;

interface Values {
  kind: CaseKind;
  reason: RequestReason;
  quantity: number;
  condition: string[];
  description: string;
  desiredResolution?: string;
  channel?: string;
}

const toCondition = (checked: readonly string[] | undefined): Record<string, boolean> =>
  Object.fromEntries(CONDITIONS.map((c) => [c, (checked ?? []).includes(c)]));

export function ApplyPage() {
  const { t } = useTranslation();
  const word = useWord();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { orderNo = '', itemId = '' } = useParams();
  const order = useOrder(orderNo);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const reason = Form.useWatch('reason', form);
  const condition = Form.useWatch('condition', form);
  const eligibility = useEligibility(kind && reason ? { kind, reason, orderItemIds: [itemId], condition: toCondition(condition) } : null);
  const create = useCreateCase();
  const description = Form.useWatch('description', form);
  const signedIn = useSignedIn();
  const [deflected, setDeflected] = useState(false);

  if (order.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (order.isError) return <ProblemAlert error={order.error} onRetry={() => void order.refetch()} />;
  const item = order.data.items.find((i) => i.id === itemId);
  if (!item) return <Result status="404" title={t('apply.itemNotFound')} extra={<Link to={`/orders/${encodeURIComponent(orderNo)}`}><Button>{t('common.back')}</Button></Link>} />;

  const backToOrder = <Link to={`/orders/${encodeURIComponent(orderNo)}`}><Button type="primary">{t('kb.suggest.backToOrder')}</Button></Link>;
  if (deflected) return <Result status="success" title={t('kb.suggest.solvedTitle')} subTitle={t('kb.suggest.solvedText')} extra={backToOrder} />;

  // Staff filing for a customer say how the customer reached them (the channel's clocks follow it).
  const staffFiling = signedIn !== null && signedIn.user.role !== 'customer';
  const answerFresh = !eligibility.isFetching && !eligibility.isError;
  const canSubmit = answerFresh && eligibility.data?.eligible === true;
  const submit = (values: Values) =>
    create.mutate(
      {
        kind: values.kind,
        reason: values.reason,
        orderNo,
        items: [{ orderItemId: item.id, quantity: values.quantity }],
        description: values.description.trim(),
        desiredResolution: values.desiredResolution,
        condition: toCondition(values.condition),
        ...(staffFiling && values.channel ? { channel: values.channel } : {}),
      },
      {
        onSuccess: (created) => {
          if (created.duplicateOf) void message.info(t('apply.duplicate', { caseNo: created.duplicateOf }));
          else void message.success(t('apply.created', { caseNo: created.caseNo }));
          void navigate(`/cases/${created.duplicateOf ?? created.caseNo}`);
        },
        onError: (error) => showFieldErrors(form, error, ['kind', 'reason', 'description', 'desiredResolution']),
      },
    );

  return (
    <Card title={t('apply.title')} style={{ maxWidth: 860, marginInline: 'auto' }}>
      <Typography.Paragraph>
        {t('apply.item')}: <Typography.Text strong>{item.name}</Typography.Text> · {t('orders.orderNo')} {orderNo} · {formatFen(item.paidFen)}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'return_refund', reason: 'no_reason', quantity: 1, condition: ['accessoriesComplete', 'packagingComplete'] }}
      >
        <Space wrap size="large" style={{ display: 'flex' }}>
          <Form.Item name="kind" label={t('apply.kind')} rules={[{ required: true }]}>
            <Select style={{ width: 220 }} options={CASE_KINDS.map((k) => ({ value: k, label: word('kind', k) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('apply.reason')} rules={[{ required: true }]}>
            <Select style={{ width: 220 }} options={REQUEST_REASONS.map((r) => ({ value: r, label: word('reason', r) }))} />
          </Form.Item>
          <Form.Item name="quantity" label={t('apply.quantity')}>
            <InputNumber min={1} max={item.quantity} precision={0} />
          </Form.Item>
          {staffFiling ? (
            <Form.Item name="channel" label={t('apply.channel')} initialValue="phone">
              <Select style={{ width: 200 }} options={STAFF_CHANNELS.map((c) => ({ value: c, label: word('channel', c) }))} />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item name="condition" label={t('apply.condition')}>
          <Checkbox.Group options={CONDITIONS.map((c) => ({ value: c, label: t(`apply.${c}`) }))} />
        </Form.Item>
        <Typography.Title level={5}>{t('apply.preview')}</Typography.Title>
        <div style={{ marginBottom: 24 }}>
          <EligibilityPreview
            answer={eligibility.data}
            loading={eligibility.isFetching}
            error={eligibility.error}
            onRetry={() => void eligibility.refetch()}
            onUseKind={(advised) => form.setFieldValue('kind', advised)}
          />
        </div>
        <Form.Item name="description" label={t('apply.description')} rules={[{ required: true, whitespace: true, message: t('apply.descriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('apply.descriptionPlaceholder')} />
        </Form.Item>
        <KbSuggestions text={description} kind={kind} canAnswer={signedIn?.user.role === 'customer'} onSolved={() => setDeflected(true)} />
        <Form.Item name="desiredResolution" label={t('apply.desired')}>
          <Select allowClear style={{ width: 220 }} options={DESIRED_RESOLUTIONS.map((d) => ({ value: d, label: word('desired', d) }))} />
        </Form.Item>
        {create.isError ? (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={create.error} />
          </div>
        ) : null}
        {answerFresh && eligibility.data && !eligibility.data.eligible ? (
          <Typography.Paragraph type="danger">{t('apply.blocked')}</Typography.Paragraph>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" disabled={!canSubmit} loading={create.isPending}>
            {t('apply.submit')}
          </Button>
          <Link to={`/orders/${encodeURIComponent(orderNo)}`}>
            <Button>{t('common.cancel')}</Button>
          </Link>
        </Space>
      </Form>
    </Card>
  );
}
