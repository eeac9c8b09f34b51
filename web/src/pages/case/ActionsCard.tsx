// Exactly the actions the API lists for this caller on this case, each behind a small form: most
// are drawn from actionForms.ts; assigning and the triage override have forms of their own.
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction, CaseDetail } from '../../api/types.ts';
import { capitalize, pick, useLanguage } from '../../i18n/index.ts';
import { ActionModal } from './ActionModal.tsx';
import { AssignModal } from './AssignModal.tsx';
import { TriageOverrideModal } from './TriageOverrideModal.tsx';
import { DANGER_ACTIONS, PRIMARY_ACTIONS } from './actionForms.ts';

export function ActionsCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [open, setOpen] = useState<CaseAction | null>(null);
  return (
    <Card title={t('case.actions')} size="small" data-testid="case-actions">
      {detail.actions.length === 0 ? (
        <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>
      ) : (
        <Space wrap>
          {detail.actions.map((a) => (
            <Button
              key={a.action}
              data-action={a.action}
              type={PRIMARY_ACTIONS.has(a.action) ? 'primary' : 'default'}
              danger={DANGER_ACTIONS.has(a.action)}
              onClick={() => setOpen(a)}
            >
              {capitalize(pick(a.label, language))}
            </Button>
          ))}
        </Space>
      )}
      {open?.action === 'assign' ? <AssignModal detail={detail} action={open} onClose={() => setOpen(null)} /> : null}
      {open?.action === 'retriage' ? <TriageOverrideModal detail={detail} onClose={() => setOpen(null)} /> : null}
      {open && open.action !== 'assign' && open.action !== 'retriage' ? (
        <ActionModal key={open.action} detail={detail} action={open} onClose={() => setOpen(null)} />
      ) : null}
    </Card>
  );
}
