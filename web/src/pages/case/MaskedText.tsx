// A case text as the server sent it: ID, card and phone numbers the customer typed into it masked
// for everyone but that customer (RISK-2). Compliance may reveal the text as written, with a
// reason; the clear text lives only in this component's state.
import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { RevealModal } from './RevealModal.tsx';

const PARAGRAPH = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 } as const;

export function MaskedText(props: { detail: CaseDetail; text: string; masked: boolean; messageId?: string; testId: string }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const [asking, setAsking] = useState(false);
  const [clear, setClear] = useState<string | null>(null);
  const mayReveal = props.masked && signedIn?.user.role === 'compliance';
  return (
    <div>
      <Typography.Paragraph style={PARAGRAPH} data-testid={props.testId}>
        {clear ?? props.text}
      </Typography.Paragraph>
      {props.masked ? (
        <Space size={4} wrap>
          {clear === null ? <Tag>{t('case.numbersMasked')}</Tag> : <Tag color="warning">{t('customerCard.revealed')}</Tag>}
          {mayReveal && clear === null ? (
            <Button size="small" type="link" data-testid={`${props.testId}-reveal`} onClick={() => setAsking(true)}>
              {t('customerCard.reveal')}
            </Button>
          ) : null}
          {clear !== null ? (
            <Button size="small" type="link" onClick={() => setClear(null)}>
              {t('customerCard.hide')}
            </Button>
          ) : null}
        </Space>
      ) : null}
      {asking ? (
        <RevealModal
          customerId={props.detail.customerId}
          caseNo={props.detail.caseNo}
          target={props.messageId ? { field: 'caseText', messageId: props.messageId } : { field: 'caseText' }}
          title={t('case.revealText')}
          onClose={() => setAsking(false)}
          onRevealed={(value) => {
            setClear(value);
            setAsking(false);
          }}
        />
      ) : null}
    </div>
  );
}
