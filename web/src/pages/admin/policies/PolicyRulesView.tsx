// A policy's clauses, read-only, grouped as in the editor.
import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PolicyRules } from '../../../api/admin.types.ts';
import { formatFen } from '../../../lib/money.ts';
import { useCategoryLabel } from '../shared.tsx';
import { type Clause, groupsFor, valueAt } from './policyFields.ts';

function ClauseValue({ clause, rules }: { clause: Clause; rules: PolicyRules }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const value = valueAt(rules, clause.path) ?? clause.absent;
  switch (clause.kind) {
    case 'switch':
      return <Tag color={value ? 'green' : 'default'}>{value ? t('admin.policy.on') : t('admin.policy.off')}</Tag>;
    case 'days':
      if (clause.path[0] === 'refund') return <>{`${String(value)} ${t(`admin.policy.dayType.${rules.refund.dayType}`)}`}</>;
      return <>{t('admin.policy.days', { n: value })}</>;
    case 'months':
      return <>{t('admin.policy.months', { n: value })}</>;
    case 'count':
      return <>{t('admin.policy.repairs', { n: value })}</>;
    case 'times':
      return <>{t('admin.policy.times', { n: value })}</>;
    case 'yuan':
      return <>{formatFen(Number(value))}</>;
    case 'choice':
      return <>{t(`admin.policy.${clause.choiceLabels ?? ''}.${String(value ?? clause.choices?.[0] ?? '')}`)}</>;
    case 'flags':
    case 'categories': {
      const list = (value as string[] | undefined) ?? [];
      if (list.length === 0) return <>{t('admin.common.none')}</>;
      return (
        <>
          {list.map((v) => (
            <Tag key={v}>{clause.kind === 'flags' ? t(`flag.${v}`, { defaultValue: v }) : categoryLabel(v)}</Tag>
          ))}
        </>
      );
    }
  }
}

export function PolicyRulesView({ rules, scope, testId }: { rules: PolicyRules; scope: 'platform' | 'merchant'; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      {groupsFor(scope).map((group) => (
        <Descriptions
          key={group.key}
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          title={t(`admin.policy.group.${group.key}`)}
          style={{ marginBottom: 16 }}
          items={group.clauses
            // The refund's day type is shown with its number of days.
            .filter((c) => c.path.join('.') !== 'refund.dayType')
            .filter((c) => !c.when || valueAt(rules, c.when))
            .map((c) => ({ key: c.path.join('.'), label: t(`admin.policy.field.${c.label}`), children: <ClauseValue clause={c} rules={rules} /> }))}
        />
      ))}
    </div>
  );
}
