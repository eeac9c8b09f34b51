// The small form behind one action button; submits to /cases/:caseNo/actions/:action.
import { App, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseAction } from '../../api/queries.ts';
import type { CaseAction, CaseDetail } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { capitalize, pick, useLanguage } from '../../i18n/index.ts';
import { showFieldErrors } from '../../lib/forms.ts';
import { ActionField } from './ActionField.tsx';
import { fieldsOf, formName, initialValues, shownFields, TERMS_FIELDS, toBody } from './actionForms.ts';

export function ActionModal({ detail, action, onClose }: { detail: CaseDetail; action: CaseAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const [form] = Form.useForm<Record<string, unknown>>();
  const run = useCaseAction(detail.caseNo);
  // complete_task asks only for the proof the chosen task needs (a parcel's tracking number for a shipment).
  const taskId = Form.useWatch('taskId', form) as string | undefined;
  const openTasks = detail.tasks.filter((task) => task.mayComplete);
  const specs = shownFields(fieldsOf(action.action), detail.tasks.find((task) => task.id === taskId)?.type);
  // The one task the caller may complete is chosen for them.
  const initial = { ...initialValues(specs), ...(action.action === 'complete_task' && openTasks.length === 1 ? { taskId: openTasks[0]!.id } : {}) };
  const label = pick(action.label, language);
  const termNames = new Set(TERMS_FIELDS.map((s) => s.name));
  const submit = (values: Record<string, unknown>) =>
    run.mutate(
      { action: action.action, body: toBody(action.action, values, specs) },
      {
        onSuccess: () => {
          void message.success(t('case.actionDone', { label }));
          onClose();
        },
        onError: (error) => showFieldErrors(form, error, specs.map(formName)),
      },
    );
  const main = specs.filter((s) => !termNames.has(s.name));
  const terms = specs.filter((s) => termNames.has(s.name));
  return (
    <Modal
      open
      title={capitalize(label)}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={terms.length > 0 ? 720 : 520}
    >
      {run.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={run.error} />
        </div>
      ) : null}
      {specs.length === 0 ? <Typography.Paragraph>{t('case.confirmAction', { label })}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid={`action-form-${action.action}`}>
        {main.slice(0, 2).map((spec) => (
          <ActionField key={spec.name} spec={spec} detail={detail} />
        ))}
        {terms.length > 0 ? (
          <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 16px', marginBottom: 16 }}>
            <legend style={{ width: 'auto', fontSize: 14, padding: '0 4px', marginBottom: 0, border: 0 }}>{t('case.terms')}</legend>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', columnGap: 16 }}>
              {terms.map((spec) => (
                <ActionField key={spec.name} spec={spec} detail={detail} />
              ))}
            </div>
          </fieldset>
        ) : null}
        {main.slice(2).map((spec) => (
          <ActionField key={spec.name} spec={spec} detail={detail} />
        ))}
      </Form>
    </Modal>
  );
}
