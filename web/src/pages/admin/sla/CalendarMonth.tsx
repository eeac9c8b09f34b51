// A month of one business calendar as the API reports it (GET /sla/calendars/:id/days): working
// days, weekends, public holidays, make-up working days, closures and extra working days, with the
// warning the API gives when it has no holiday data for a year.
import { Alert, Button, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendarDays } from '../../../api/admin.sla.queries.ts';
import type { CalendarDay, DayKind } from '../../../api/admin.types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { serverNow } from '../../../lib/serverClock.ts';

const KIND_STYLE: Record<DayKind, { background: string; color: string; tag: string }> = {
  workday: { background: '#ffffff', color: 'rgba(0,0,0,0.88)', tag: 'default' },
  weekend: { background: '#fafafa', color: 'rgba(0,0,0,0.45)', tag: 'default' },
  holiday: { background: '#fff1f0', color: '#cf1322', tag: 'red' },
  make_up_workday: { background: '#fff7e6', color: '#d46b08', tag: 'orange' },
  closure: { background: '#f9f0ff', color: '#531dab', tag: 'purple' },
  extra_workday: { background: '#e6f4ff', color: '#0958d9', tag: 'blue' },
};
const KINDS = Object.keys(KIND_STYLE) as DayKind[];

const pad = (n: number) => String(n).padStart(2, '0');

/** The current month in China (the product's local days). */
function thisMonth(): { year: number; month: number } {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(serverNow())).split('-').map(Number);
  return { year: year ?? 2026, month: month ?? 1 };
}

export function CalendarMonth({ calendarId }: { calendarId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [{ year, month }, setMonth] = useState(thisMonth);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const from = `${year}-${pad(month)}-01`;
  const to = `${year}-${pad(month)}-${pad(last)}`;
  const days = useCalendarDays(calendarId, from, to);
  const move = (delta: number) => {
    const m = month - 1 + delta;
    setMonth({ year: year + Math.floor(m / 12), month: (((m % 12) + 12) % 12) + 1 });
  };
  // Monday first: blank cells before the 1st.
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const weekdays = t('admin.sla.weekdays').split(',');
  const title = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
  const loaded = days.data && days.data.days[0]?.date === from ? days.data : null;
  const working = loaded?.days.filter((d) => d.working).length ?? 0;

  const cell = (d: CalendarDay) => {
    const style = KIND_STYLE[d.kind];
    const holiday = language === 'en-US' ? (d.nameEn ?? d.name) : d.name;
    return (
      <Tooltip key={d.date} title={`${d.date} · ${t(`admin.sla.dayKind.${d.kind}`)}${holiday ? ` · ${holiday}` : ''}`}>
        <div
          data-testid="calendar-day"
          data-kind={d.kind}
          style={{ background: style.background, color: style.color, border: '1px solid #f0f0f0', borderRadius: 6, padding: '2px 6px', minHeight: 42 }}
        >
          <div style={{ fontWeight: 600 }}>{Number(d.date.slice(8))}</div>
          <div style={{ fontSize: 11, lineHeight: 1.3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {d.kind === 'workday' || d.kind === 'weekend' ? '' : (holiday ?? t(`admin.sla.dayKind.${d.kind}`))}
          </div>
        </div>
      </Tooltip>
    );
  };

  return (
    <div data-testid="calendar-month">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Space>
          <Button size="small" onClick={() => move(-1)} aria-label={t('admin.sla.prevMonth')}>
            ‹
          </Button>
          <Typography.Text strong style={{ minWidth: 120, display: 'inline-block', textAlign: 'center' }} data-testid="calendar-month-title" data-month={`${year}-${pad(month)}`}>
            {title}
          </Typography.Text>
          <Button size="small" onClick={() => move(1)} aria-label={t('admin.sla.nextMonth')}>
            ›
          </Button>
          {days.isFetching ? <Spin size="small" /> : null}
        </Space>
        {loaded ? <Typography.Text type="secondary">{t('admin.sla.workingCount', { count: working })}</Typography.Text> : null}
      </Space>
      {days.data && days.data.holidayDataMissing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="holiday-data-missing"
          title={t('admin.sla.holidayDataMissing', { years: days.data.holidayDataMissing.join(', ') })}
        />
      ) : null}
      {days.isError ? <ProblemAlert error={days.error} onRetry={() => void days.refetch()} /> : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4, opacity: loaded ? 1 : 0.5 }}>
        {weekdays.map((w) => (
          <div key={w} style={{ textAlign: 'center', fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            {w}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {(loaded?.days ?? []).map(cell)}
      </div>
      <Space size={[4, 4]} wrap style={{ marginTop: 8 }}>
        {KINDS.map((k) => (
          <Tag key={k} color={KIND_STYLE[k].tag}>
            {t(`admin.sla.dayKind.${k}`)}
          </Tag>
        ))}
      </Space>
    </div>
  );
}
