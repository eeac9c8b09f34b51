// Writing to the case: a reply to the customer or (staff) an internal note. Staff and the case's
// merchant get suggested replies; staff replies are checked for wording the SOP forbids (RISK-1)
// while typing, with a one-click compliant replacement; a reply that still has such wording is
// not sent (the server refuses it too, 422 non-compliant-wording).
import { App, Button, Form, Input, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkWording, useWordingCheck } from '../../api/casework.queries.ts';
import type { WordingFlag } from '../../api/casework.types.ts';
import { useSendMessage } from '../../api/queries.ts';
import type { CaseDetail, Role } from '../../api/types.ts';
import { ProblemAlert, problemText } from '../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../lib/forms.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { replaceFlag } from '../../lib/wording.ts';
import { SuggestedReplies } from './SuggestedReplies.tsx';
import { WordingFlags } from './WordingFlags.tsx';

interface Draft {
  body: string;
  visibility: 'public' | 'internal';
}

/** Who may ask for suggested replies (the API's access for /cases/:caseNo/suggested-replies). */
const SUGGESTION_ROLES: readonly Role[] = ['agent', 'specialist', 'supervisor', 'compliance', 'admin', 'merchant'];
const CHECK_DELAY_MS = 400;

export function ReplyComposer({ detail, staff, role }: { detail: CaseDetail; staff: boolean; role: Role | undefined }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const send = useSendMessage(detail.caseNo);
  const body = Form.useWatch('body', form) ?? '';
  const visibility = Form.useWatch('visibility', form) ?? 'public';
  // Outgoing text is what RISK-1 is about, the merchant's included: internal notes are not checked.
  const checked = (staff || role === 'merchant') && visibility === 'public';
  const settled = useDebounced(body, CHECK_DELAY_MS);
  const check = useWordingCheck(settled, checked);
  const flags = checked && settled === body ? (check.data?.flags ?? []) : [];

  const setBody = (text: string) => {
    form.setFieldValue('body', text);
    void form.validateFields(['body']).catch(() => undefined);
  };
  const insert = (text: string) => {
    const current = (form.getFieldValue('body') as string | undefined) ?? '';
    setBody(current.trim() ? `${current.trimEnd()}\n${text}` : text);
    void message.info(t('reply.inserted'));
  };
  const replace = (flag: WordingFlag) => {
    setBody(replaceFlag((form.getFieldValue('body') as string | undefined) ?? '', flag));
    void message.success(t('reply.replaced'));
  };

  const deliver = (draft: Draft) =>
    send.mutate(
      { body: draft.body.trim(), visibility: draft.visibility },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('case.sent'));
        },
        onError: (error) => showFieldErrors(form, error, ['body']),
      },
    );

  const submit = async (draft: Draft) => {
    if (!((staff || role === 'merchant') && draft.visibility === 'public')) return deliver(draft);
    // The check of the very text being sent, not the last one shown while typing.
    let found: WordingFlag[] = [];
    try {
      found = (await checkWording(draft.body.trim())).flags;
    } catch (error) {
      void message.warning(t('reply.checkFailed', { detail: problemText(error) }));
    }
    if (found.length === 0) return deliver(draft);
    modal.warning({
      title: t('reply.refusedTitle'),
      content: t('reply.refusedText', { phrases: found.map((f) => `「${f.phrase}」`).join('') }),
      okText: t('reply.refusedOk'),
    });
  };

  return (
    <div style={{ marginTop: 12 }} data-testid="reply-composer">
      {role && SUGGESTION_ROLES.includes(role) ? <SuggestedReplies caseNo={detail.caseNo} onUse={insert} /> : null}
      <Form<Draft> form={form} onFinish={(draft) => void submit(draft)} initialValues={{ body: '', visibility: 'public' }} style={{ marginTop: 12 }}>
        {send.isError ? (
          <div style={{ marginBottom: 8 }}>
            <ProblemAlert error={send.error} />
          </div>
        ) : null}
        {staff ? (
          <Form.Item name="visibility" style={{ marginBottom: 8 }}>
            <Segmented
              aria-label={t('reply.public')}
              options={[
                { value: 'public', label: t('reply.public') },
                { value: 'internal', label: t('reply.internal') },
              ]}
            />
          </Form.Item>
        ) : null}
        <WordingFlags flags={flags} onReplace={replace} />
        {checked && check.isError && settled === body ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reply.checkFailed', { detail: problemText(check.error) })}
          </Typography.Text>
        ) : null}
        <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('case.messageRequired') }]} style={{ marginBottom: 24 }}>
          <Input.TextArea
            rows={4}
            maxLength={5000}
            showCount
            placeholder={visibility === 'internal' ? t('reply.notePlaceholder') : t('case.composerPlaceholder')}
            aria-label={t('case.composerPlaceholder')}
            style={visibility === 'internal' ? { background: '#fffbe6' } : undefined}
          />
        </Form.Item>
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {visibility === 'internal' ? t('reply.internalHint') : ''}
          </Typography.Text>
          <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="send-message">
            {t('case.send')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}
