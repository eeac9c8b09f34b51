// The countdown of an SLA clock: green while running, amber past its warning point, red when
// overdue, grey when paused, a done mark when met ("late" if it had been overdue).
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaState } from '../api/sla.types.ts';
import { useLanguage } from '../i18n/index.ts';
import { formatDuration, formatWorkingDuration } from '../lib/format.ts';
import type { SlaView } from '../lib/sla.ts';

const COLORS: Record<SlaState, string> = {
  running: 'success',
  warning: 'warning',
  breached: 'error',
  paused: 'default',
  met: 'success',
  cancelled: 'default',
};

export function SlaBadge({ view, hint, working = false }: { view: SlaView; hint?: string | undefined; working?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const time = view.remainingMs === null ? null : (working ? formatWorkingDuration : formatDuration)(view.remainingMs, language);
  let text: string;
  switch (view.state) {
    case 'running':
    case 'warning':
      text = time ? t('sla.left', { time }) : t(`slaState.${view.state}`);
      break;
    case 'breached':
      text = time && view.remainingMs !== null && view.remainingMs < 0 ? t('sla.overdue', { time }) : t('sla.overdueShort');
      break;
    case 'paused':
      text = time && view.remainingMs !== null && view.remainingMs > 0 ? t('sla.pausedLeft', { time }) : t('sla.paused');
      break;
    case 'met':
      text = `✓ ${view.late ? t('sla.metLate') : t('sla.met')}`;
      break;
    default:
      text = t('sla.cancelled');
  }
  const color = view.state === 'met' && view.late ? 'warning' : COLORS[view.state];
  const title = [t(`slaState.${view.state}`), view.state === 'warning' ? t('sla.warningHint') : null, hint].filter(Boolean).join(' · ');
  return (
    <Tooltip title={title}>
      <Tag color={color} data-testid="sla-badge" data-state={view.state} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
        {text}
      </Tag>
    </Tooltip>
  );
}
