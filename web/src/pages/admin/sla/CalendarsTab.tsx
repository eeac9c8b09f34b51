// Business calendars: each with its working hours, holiday rule, closures and extra working days,
// and a month preview of the chosen one.
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendars } from '../../../api/admin.sla.queries.ts';
import type { BusinessCalendar } from '../../../api/admin.types.ts';
import { QueryFrame } from '../shared.tsx';
import { CalendarForm } from './CalendarForm.tsx';
import { CalendarMonth } from './CalendarMonth.tsx';

function CalendarSummary({ calendar }: { calendar: BusinessCalendar }) {
  const { t } = useTranslation();
  const { spec } = calendar;
  return (
    <Space orientation="vertical" size={2} style={{ fontSize: 13 }}>
      <span>
        {t('admin.sla.workingHours')}: {spec.workingHours.map((p) => `${p.start}–${p.end}`).join(', ')} · {spec.timeZone}
      </span>
      {spec.chineseHolidays ? <span>{t('admin.sla.chineseHolidays')}</span> : null}
      {spec.closures.length > 0 ? (
        <span>
          {t('admin.sla.closures')}: {spec.closures.join(', ')}
        </span>
      ) : null}
      {spec.extraWorkingDays.length > 0 ? (
        <span>
          {t('admin.sla.extraWorkingDays')}: {spec.extraWorkingDays.join(', ')}
        </span>
      ) : null}
    </Space>
  );
}

export function CalendarsTab() {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<BusinessCalendar | 'new' | null>(null);
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="start">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 900 }}>
          {t('admin.sla.calendarsSubtitle')}
        </Typography.Paragraph>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.sla.newCalendar')}
        </Button>
      </Space>
      <QueryFrame query={calendars} isEmpty={(d) => d.items.length === 0}>
        {(data) => {
          const current = data.items.find((c) => c.id === selected) ?? data.items.find((c) => c.isDefault) ?? data.items[0]!;
          return (
            <div style={{ display: 'grid', gridTemplateColumns: 'minmax(300px, 420px) minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
              <List
                bordered
                data-testid="calendars"
                dataSource={data.items}
                renderItem={(c) => (
                  <List.Item
                    onClick={() => setSelected(c.id)}
                    style={{ cursor: 'pointer', background: c.id === current.id ? '#e6f4ff' : undefined, alignItems: 'flex-start' }}
                    actions={[
                      <Button key="edit" size="small" onClick={(e) => { e.stopPropagation(); setEditing(c); }}>
                        {t('admin.common.edit')}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Space>
                          {c.name}
                          {c.isDefault ? <Tag color="green">{t('admin.sla.defaultCalendar')}</Tag> : null}
                        </Space>
                      }
                      description={<CalendarSummary calendar={c} />}
                    />
                  </List.Item>
                )}
              />
              <Card size="small" title={`${t('admin.sla.preview')} · ${current.name}`}>
                {current ? <CalendarMonth key={current.id} calendarId={current.id} /> : <Empty />}
              </Card>
            </div>
          );
        }}
      </QueryFrame>
      {editing ? <CalendarForm calendar={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
