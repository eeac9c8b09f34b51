// One group complaint (TR-6): what, where and how many, its cases (each raised to L1 and linked),
// and for supervisors the resolve action with what was done.
import { App, Button, Card, Descriptions, Form, Input, Modal, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useIncident, useResolveIncident } from '../../api/casework.queries.ts';
import { INCIDENT_LIST_ROLES, INCIDENT_RESOLVE_ROLES, type IncidentCase, type IncidentDetail } from '../../api/casework.types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { KindTag, SeverityTag, StateTag } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { showFieldErrors } from '../../lib/forms.ts';
import { IncidentStatusTag } from './IncidentsPage.tsx';

function ResolveModal({ incidentNo, onClose }: { incidentNo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const resolve = useResolveIncident(incidentNo);
  const submit = ({ note }: { note: string }) =>
    resolve.mutate(note.trim(), {
      onSuccess: () => {
        void message.success(t('incidents.resolvedMessage'));
        onClose();
      },
      onError: (error) => showFieldErrors(form, error, ['note']),
    });
  return (
    <Modal
      open
      title={t('incidents.resolveTitle', { incidentNo })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={resolve.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {resolve.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={resolve.error} />
        </div>
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="resolve-incident-form">
        <Form.Item name="note" label={t('incidents.resolveNote')} rules={[{ required: true, whitespace: true, message: t('incidents.resolveNoteRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CasesTable({ cases }: { cases: IncidentCase[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table<IncidentCase>
      rowKey="caseId"
      size="small"
      pagination={false}
      dataSource={cases}
      data-testid="incident-cases"
      scroll={{ x: 800 }}
      locale={{ emptyText: t('case.noItems') }}
      columns={[
        {
          title: t('cases.caseNo'),
          dataIndex: 'caseNo',
          width: 180,
          render: (caseNo: string, row) => (
            <Space size={4}>
              <Link to={`/cases/${encodeURIComponent(caseNo)}`}>{caseNo}</Link>
              {row.founding ? <Tag color="gold">{t('incidents.founding')}</Tag> : null}
            </Space>
          ),
        },
        { title: t('cases.caseTitle'), dataIndex: 'title', ellipsis: true, render: (title: string | null, row) => <><KindTag kind={row.kind} /> {title ?? t('cases.untitled')}</> },
        { title: t('cases.severity'), dataIndex: 'severity', width: 150, render: (s: string | null) => <SeverityTag severity={s} /> },
        { title: t('cases.state'), dataIndex: 'state', width: 120, render: (s: string) => <StateTag state={s} /> },
        { title: t('cases.createdAt'), dataIndex: 'createdAt', width: 150, render: (iso: string) => formatDateTime(iso, language) },
        { title: t('incidents.joinedAt'), dataIndex: 'joinedAt', width: 150, render: (iso: string) => formatDateTime(iso, language) },
      ]}
    />
  );
}

function IncidentView({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const signedIn = useSignedIn();
  const [resolving, setResolving] = useState(false);
  const canResolve = incident.status === 'open' && INCIDENT_RESOLVE_ROLES.includes(signedIn?.user.role ?? '');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap align="center" style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="incident-no">
              {incident.incidentNo}
            </Typography.Title>
            <span data-testid="incident-status">
              <IncidentStatusTag status={incident.status} />
            </span>
            <Tag>{t(`incidents.scopes.${incident.scope}`, { defaultValue: incident.scope })}</Tag>
          </Space>
          {canResolve ? (
            <Button type="primary" data-testid="resolve-incident" onClick={() => setResolving(true)}>
              {t('incidents.resolve')}
            </Button>
          ) : null}
        </Space>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'category', label: t('incidents.category'), children: pick(incident.categoryLabel, language) },
            ...(incident.product ? [{ key: 'product', label: t('incidents.product'), children: incident.product.name ?? '—' }] : []),
            { key: 'merchant', label: t('incidents.merchant'), children: incident.merchant.name },
            { key: 'customers', label: t('incidents.customers'), children: <span data-testid="incident-customers">{incident.customers}</span> },
            { key: 'cases', label: t('incidents.cases'), children: incident.caseCount },
            { key: 'rule', label: t('incidents.detectedBy'), children: t('incidents.window', { threshold: incident.threshold, hours: incident.windowHours }) },
            { key: 'opened', label: t('incidents.openedAt'), children: formatDateTime(incident.openedAt, language) },
            ...(incident.resolvedAt ? [{ key: 'resolved', label: t('incidents.resolvedAt'), children: formatDateTime(incident.resolvedAt, language) }] : []),
            ...(incident.summary ? [{ key: 'summary', label: t('incidents.summary'), span: 'filled' as const, children: pick(incident.summary, language) }] : []),
            ...(incident.resolutionNote
              ? [{ key: 'note', label: t('incidents.resolutionNote'), span: 'filled' as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{incident.resolutionNote}</span> }]
              : []),
          ]}
        />
      </Card>
      <Card title={t('incidents.casesTitle')} size="small">
        <CasesTable cases={incident.cases} />
      </Card>
      {resolving ? <ResolveModal incidentNo={incident.incidentNo} onClose={() => setResolving(false)} /> : null}
    </Space>
  );
}

export function IncidentPage() {
  const { t } = useTranslation();
  const { incidentNo = '' } = useParams();
  const signedIn = useSignedIn();
  const query = useIncident(incidentNo);
  const back = INCIDENT_LIST_ROLES.includes(signedIn?.user.role ?? '') ? (
    <Link to="/incidents">
      <Button>{t('incidents.back')}</Button>
    </Link>
  ) : null;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <Result status="404" title={incidentNo} subTitle={t('incidents.notFound')} extra={back} />;
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {back}
      <IncidentView incident={query.data} />
    </Space>
  );
}
