// SLA configuration: the targets (what is promised, by when, what happens on breach) and the
// business calendars working-time targets count on. ?tab=calendars opens the second tab.
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../shared.tsx';
import { CalendarsTab } from './CalendarsTab.tsx';
import { TargetsTab } from './TargetsTab.tsx';

export function SlaPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'calendars' ? 'calendars' : 'targets';
  return (
    <>
      <PageHeader title={t('admin.sla.title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'targets' ? {} : { tab: key })}
        destroyOnHidden
        items={[
          { key: 'targets', label: t('admin.sla.targets'), children: <TargetsTab /> },
          { key: 'calendars', label: t('admin.sla.calendars'), children: <CalendarsTab /> },
        ]}
      />
    </>
  );
}
