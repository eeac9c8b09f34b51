// What the wording check (RISK-1) found in the reply being written: each risky phrase with its
// compliant alternative and a one-click replace.
import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WordingFlag } from '../../api/casework.types.ts';
import { alternativeFor } from '../../lib/wording.ts';

export function WordingFlags({ flags, onReplace }: { flags: WordingFlag[]; onReplace: (flag: WordingFlag) => void }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="wording-flags"
      style={{ marginBottom: 8 }}
      title={t('reply.flagsTitle')}
      description={
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          {flags.map((flag) => (
            <Space key={`${flag.index}:${flag.phrase}`} size={8} wrap data-testid="wording-flag" data-phrase={flag.phrase}>
              <Typography.Text>{t('reply.flag', { phrase: flag.phrase, alternative: alternativeFor(flag) })}</Typography.Text>
              <Button size="small" data-testid="replace-flag" onClick={() => onReplace(flag)}>
                {t('reply.replace')}
              </Button>
            </Space>
          ))}
        </Space>
      }
    />
  );
}
