// Routing configuration: rules in evaluation order, queues, agent profiles, and the tester.
// The unsaved rule list lives here so the tester can try it. ?tab= picks the tab.
import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMerchants } from '../../../api/admin.policy.queries.ts';
import { useQueues } from '../../../api/admin.routing.queries.ts';
import type { RoutingRule } from '../../../api/admin.types.ts';
import { PageHeader } from '../shared.tsx';
import { AgentsTab } from './AgentsTab.tsx';
import { QueuesTab } from './QueuesTab.tsx';
import { RouteTester } from './RouteTester.tsx';
import { RulesTab } from './RulesTab.tsx';

const TABS = ['rules', 'queues', 'agents', 'tester'] as const;

export function RoutingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'rules';
  const [draft, setDraft] = useState<RoutingRule[] | null>(null);
  const queues = useQueues();
  const merchants = useMerchants({ q: '', page: 1, pageSize: 100 });
  const merchantList = merchants.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('admin.routing.title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'rules' ? {} : { tab: key })}
        items={[
          { key: 'rules', label: t('admin.routing.rules'), children: <RulesTab draft={draft} setDraft={setDraft} queues={queues.data?.items ?? []} merchants={merchantList} /> },
          { key: 'queues', label: t('admin.routing.queues'), children: <QueuesTab /> },
          { key: 'agents', label: t('admin.routing.agents'), children: <AgentsTab /> },
          { key: 'tester', label: t('admin.routing.tester'), children: <RouteTester draft={draft} merchants={merchantList} /> },
        ]}
      />
    </>
  );
}
