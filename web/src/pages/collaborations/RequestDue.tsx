// When a collaboration request is due, and how it stands: time left, or a red "late" mark with how
// long it has been overdue; answered requests show when they were answered.
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CollaborationRequest } from '../../api/users.types.ts';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime, formatDuration } from '../../lib/format.ts';

/**
 * Time left counts down from what the server said when the list was fetched (its clock, which a
 * simulation may have moved), not from this machine's clock.
 */
export function RequestDue({ request, fetchedAt, now }: { request: CollaborationRequest; fetchedAt: number; now: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const due = formatDateTime(request.dueAt, language);
  if (request.status !== 'open') {
    return <Typography.Text type="secondary">{due}</Typography.Text>;
  }
  // fetchedAt is 0 while a page shows placeholder rows kept from the previous filter.
  const elapsed = fetchedAt > 0 ? Math.max(0, now - fetchedAt) : 0;
  const left = request.remainingMs !== null ? request.remainingMs - elapsed : Number.POSITIVE_INFINITY;
  const late = request.late || left <= 0;
  return (
    <Space size={4} wrap>
      <Typography.Text type={late ? 'danger' : undefined}>{due}</Typography.Text>
      {late ? (
        <Tag color="error" data-testid="collab-late" style={{ marginInlineEnd: 0 }}>
          {t('collab.late')} {formatDuration(-left, language)}
        </Tag>
      ) : request.paused ? (
        <Tag style={{ marginInlineEnd: 0 }}>{t('sla.paused')}</Tag>
      ) : (
        <Tag color={left < 30 * 60_000 ? 'warning' : 'success'} style={{ marginInlineEnd: 0 }}>
          {t('sla.left', { time: formatDuration(left, language) })}
        </Tag>
      )}
    </Space>
  );
}

export function RequestStateTag({ request }: { request: CollaborationRequest }) {
  const { t } = useTranslation();
  const color = request.status === 'answered' ? 'success' : request.status === 'cancelled' ? 'default' : request.late ? 'error' : 'processing';
  return (
    <Tag color={color} data-testid="collab-state" style={{ marginInlineEnd: 0 }}>
      {request.status === 'open' && request.late ? t('collab.late') : t(`collab.state.${request.status}`)}
    </Tag>
  );
}
