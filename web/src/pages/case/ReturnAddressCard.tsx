// RES-6: where the goods go back, shown while they are to be returned, with a copy button so the
// buyer can paste it into the carrier's app.
import { Alert, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/types.ts';

const RETURN_STATES = new Set(['awaiting_return', 'return_in_transit']);

export function showsReturnAddress(detail: CaseDetail): boolean {
  return RETURN_STATES.has(detail.state);
}

export function ReturnAddressCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const address = detail.returnAddress;
  if (!address) return <Alert type="warning" showIcon title={t('case.returnAddressMissing')} data-testid="return-address-missing" />;
  const whole = `${address.recipient} ${address.phone} ${address.address}`;
  return (
    <Card size="small" title={t('case.returnAddress')} data-testid="return-address">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'recipient', label: t('case.returnRecipient'), children: address.recipient },
          { key: 'phone', label: t('case.returnPhone'), children: address.phone },
          { key: 'address', label: t('case.returnAddressLine'), children: <Typography.Text copyable={{ text: whole }}>{address.address}</Typography.Text> },
        ]}
      />
      {detail.state === 'awaiting_return' ? <Typography.Text type="secondary">{t('case.returnAddressHint')}</Typography.Text> : null}
    </Card>
  );
}
