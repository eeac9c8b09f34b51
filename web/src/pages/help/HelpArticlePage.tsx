// One help article, readable without signing in.
import { Button, Card, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useKbArticle } from '../../api/kb.queries.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { KbBody } from './KbBody.tsx';

export function HelpArticlePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const locale = params.get('locale') === 'en-US' || params.get('locale') === 'zh-CN' ? (params.get('locale') as string) : language;
  const query = useKbArticle(slug, locale);
  const back = (
    <Link to="/help">
      <Button>{t('kb.backToList')}</Button>
    </Link>
  );
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <Result status="404" title={t('kb.notFound')} extra={back} />;
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const a = query.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/help">← {t('kb.backToList')}</Link>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} lang={a.locale}>{a.title}</Typography.Title>
        <Space wrap style={{ marginBottom: 16 }}>
          <Tag color="blue">{t(`kb.category.${a.category}`, { defaultValue: a.category })}</Tag>
          <Typography.Text type="secondary">{t('kb.updatedAt', { time: formatDateTime(a.updatedAt, language) })}</Typography.Text>
        </Space>
        <div lang={a.locale}>
          <KbBody body={a.body} />
        </div>
      </Card>
    </Space>
  );
}
