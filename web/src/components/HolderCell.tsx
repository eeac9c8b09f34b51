// Who holds a case in a staff list: the holder's name, or 未分配 while it waits in its queue.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function HolderCell({ name }: { name: string | null | undefined }) {
  const { t } = useTranslation();
  return name ? <span data-testid="case-holder">{name}</span> : <Typography.Text type="secondary" data-testid="case-holder">{t('routing.unassigned')}</Typography.Text>;
}
