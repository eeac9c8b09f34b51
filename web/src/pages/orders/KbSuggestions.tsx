// Answers offered while the customer describes the problem, before a case is filed (IN-6):
// "This solved my problem" records a deflection and ends the request; "Not solved" records that
// too and lets the customer go on. Staff filing for a customer see the answers to read out.
import { Button, Card, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKbSuggestions, useRecordDeflection } from '../../api/kb.queries.ts';
import type { KbArticleSummary } from '../../api/kb.types.ts';
import type { CaseKind } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { articleLink } from '../help/HelpPage.tsx';

interface Props {
  text: string | undefined;
  kind: CaseKind | undefined;
  /** Only customers answer "did this solve it"; staff just see the answers. */
  canAnswer: boolean;
  onSolved: (article: KbArticleSummary) => void;
}

export function KbSuggestions({ text, kind, canAnswer, onSolved }: Props) {
  const { t } = useTranslation();
  const description = useDebounced(text ?? '', 600);
  const suggestions = useKbSuggestions(description, kind);
  const record = useRecordDeflection();
  const [dismissed, setDismissed] = useState(false);
  const items = suggestions.data?.items ?? [];

  if (dismissed) return <Typography.Paragraph type="secondary">{t('kb.suggest.dismissed')}</Typography.Paragraph>;
  if (description.trim().length < 2) return null;
  if (suggestions.isError) return <ProblemAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />;
  if (items.length === 0) return null;

  const notSolved = () => {
    setDismissed(true);
    // Best effort: the customer goes on whether or not the answer is recorded.
    if (canAnswer) for (const a of items) record.mutate({ articleId: a.id, query: description, solved: false });
  };

  return (
    <Card
      size="small"
      data-testid="kb-suggestions"
      title={t('kb.suggest.title')}
      loading={suggestions.isPending}
      style={{ marginBottom: 24, background: '#f6ffed', borderColor: '#b7eb8f' }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('kb.suggest.subtitle')}</Typography.Paragraph>
      {record.isError ? <ProblemAlert error={record.error} /> : null}
      <List<KbArticleSummary>
        size="small"
        dataSource={items.slice(0, 3)}
        renderItem={(a) => (
          <List.Item
            key={a.id}
            actions={
              canAnswer
                ? [
                    <Button
                      key="solved"
                      type="primary"
                      size="small"
                      loading={record.isPending && record.variables?.articleId === a.id && record.variables.solved}
                      onClick={() => record.mutate({ articleId: a.id, query: description, solved: true }, { onSuccess: () => onSolved(a) })}
                    >
                      {t('kb.suggest.solved')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <a href={articleLink(a)} target="_blank" rel="noreferrer">
                  {a.title}
                </a>
              }
              description={<span lang={a.locale}>{a.excerpt}</span>}
            />
          </List.Item>
        )}
      />
      {canAnswer ? (
        <Space style={{ marginTop: 8 }}>
          <Button onClick={notSolved}>{t('kb.suggest.notSolved')}</Button>
        </Space>
      ) : null}
    </Card>
  );
}
