// The bell in the header: how many notices are unread (asked every 30 s while the tab is
// visible), and a list of them; opening one marks it read and goes to its case.
import { App, Badge, Button, Empty, List, Popover, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { UNREAD_LIMIT, useMarkNotificationRead, useUnreadNotifications } from '../api/sla.queries.ts';
import type { AppNotification } from '../api/sla.types.ts';
import { pick, useLanguage } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { ProblemAlert, problemText } from './ProblemAlert.tsx';

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor" aria-hidden="true" style={{ display: 'block' }}>
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}

function NoticeItem({ notice, onOpen }: { notice: AppNotification; onOpen: (notice: AppNotification) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <List.Item
      data-testid="notification"
      role="button"
      tabIndex={0}
      style={{ cursor: 'pointer', paddingInline: 4 }}
      onClick={() => onOpen(notice)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(notice);
        }
      }}
    >
      <List.Item.Meta
        title={pick(notice.title, language)}
        description={
          <>
            <div style={{ color: 'rgba(0, 0, 0, 0.75)' }}>{pick(notice.body, language)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {notice.caseNo ? <Typography.Link>{t('notifications.caseLink', { caseNo: notice.caseNo })}</Typography.Link> : null}
              {notice.caseNo ? ' · ' : null}
              {formatDateTime(notice.createdAt, language)}
            </Typography.Text>
          </>
        }
      />
    </List.Item>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const query = useUnreadNotifications(true);
  const markRead = useMarkNotificationRead();
  const items = query.data?.items ?? [];

  const openNotice = (notice: AppNotification) => {
    setOpen(false);
    markRead.mutate(notice.id, { onError: (error) => void message.error(problemText(error)) });
    if (notice.caseNo) void navigate(`/cases/${encodeURIComponent(notice.caseNo)}`);
  };

  let content;
  if (query.isPending) content = <Skeleton active title={false} paragraph={{ rows: 3 }} />;
  else if (query.isError) content = <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  else if (items.length === 0) content = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />;
  else {
    content = (
      <List
        size="small"
        dataSource={items}
        rowKey="id"
        style={{ maxHeight: 420, overflowY: 'auto' }}
        renderItem={(notice) => <NoticeItem notice={notice} onOpen={openNotice} />}
      />
    );
  }

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={t('notifications.title')}
      content={
        <div style={{ width: 360, maxWidth: 'calc(100vw - 32px)', lineHeight: 1.5 }} data-testid="notification-list">
          {content}
        </div>
      }
    >
      <Button
        type="text"
        data-testid="notification-bell"
        aria-label={t('notifications.open', { count: items.length })}
        style={{ color: '#fff', display: 'inline-flex', alignItems: 'center', paddingInline: 6 }}
      >
        <Badge count={items.length} overflowCount={UNREAD_LIMIT - 1} size="small">
          <span style={{ color: '#fff' }}>
            <BellIcon />
          </span>
        </Badge>
      </Button>
    </Popover>
  );
}
