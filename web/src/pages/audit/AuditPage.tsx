// The audit trail for compliance and admins: search by time, actor, action, subject and outcome,
// page through it, export what the filters select (CSV or JSON Lines).
import { Button, Dropdown, message, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { exportAudit, useAuditPage } from '../../api/audit.queries.ts';
import { AUDIT_FILTER_KEYS, AUDIT_ROLES, type AuditFilters as Filters } from '../../api/audit.types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { problemText } from '../../components/ProblemAlert.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';

function readFilters(params: URLSearchParams): Filters {
  return Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, params.get(key) || undefined]));
}

export function AuditPage() {
  const signedIn = useSignedIn();
  const { t } = useTranslation();
  if (!signedIn || !AUDIT_ROLES.includes(signedIn.user.role)) {
    return (
      <Result
        status="403"
        title={t('errors.forbiddenTitle')}
        subTitle={t('audit.forbiddenText')}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.home')}</Button>
          </Link>
        }
      />
    );
  }
  return <AuditTrail />;
}

function AuditTrail() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  // Cursors of the pages seen so far: the first page has none.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [exporting, setExporting] = useState(false);
  const query = useAuditPage(filters, cursors[cursors.length - 1]);
  const [notice, holder] = message.useMessage();

  const applyFilters = (next: Filters) => {
    const search = new URLSearchParams();
    for (const key of AUDIT_FILTER_KEYS) if (next[key]) search.set(key, next[key]);
    setParams(search);
    setCursors([undefined]);
  };
  const runExport = async (format: 'csv' | 'jsonl') => {
    setExporting(true);
    try {
      await exportAudit(filters, format);
    } catch (error) {
      void notice.error(t('audit.exportFailed', { detail: problemText(error) }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {holder}
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <div>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('audit.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
            {t('audit.subtitle')}
          </Typography.Paragraph>
        </div>
        <Dropdown
          menu={{
            items: [
              { key: 'csv', label: t('audit.exportCsv') },
              { key: 'jsonl', label: t('audit.exportJsonl') },
            ],
            onClick: ({ key }) => void runExport(key as 'csv' | 'jsonl'),
          }}
        >
          <Button loading={exporting} data-testid="audit-export">
            {t('audit.export')}
          </Button>
        </Dropdown>
      </Space>
      <AuditFilters values={filters} onChange={applyFilters} />
      <AuditTable
        items={query.data?.items ?? []}
        loading={query.isFetching}
        error={query.isError ? query.error : null}
        filtered={AUDIT_FILTER_KEYS.some((key) => filters[key])}
        page={cursors.length}
        hasNext={Boolean(query.data?.nextCursor)}
        onRetry={() => void query.refetch()}
        onNext={() => {
          const next = query.data?.nextCursor;
          if (next) setCursors([...cursors, next]);
        }}
        onPrevious={() => setCursors(cursors.slice(0, -1))}
        onFirst={() => setCursors([undefined])}
      />
    </Space>
  );
}
