// Shows an API problem (detail, per-field errors, correlation id) or any other error as text.
import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

export function problemText(error: unknown): string {
  if (isApiError(error)) return error.problem.detail;
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problem = isApiError(error) ? error.problem : null;
  const details = problem?.errors?.filter((e) => e.message && !problem.detail.includes(e.message)) ?? [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problemText(error)}
      description={
        details.length > 0 || problem?.correlationId ? (
          <>
            {details.map((e) => (
              <div key={`${e.field}:${e.message}`}>
                <Typography.Text code>{e.field}</Typography.Text> {e.message}
              </div>
            ))}
            {problem?.correlationId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('errors.reference', { id: problem.correlationId })}
              </Typography.Text>
            ) : null}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
