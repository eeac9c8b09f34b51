// A help article's history: the current text and every version that was published, each with
// when and by whom; a version's text opens on click.
import { Collapse, Drawer, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useArticleVersions } from '../../../api/admin.content.queries.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { KbBody } from '../../help/KbBody.tsx';
import { QueryFrame } from '../shared.tsx';

export function ArticleVersions({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const versions = useArticleVersions(id);
  return (
    <Drawer open size={720} title={t('admin.kb.versions')} onClose={onClose} destroyOnHidden>
      <QueryFrame query={versions}>
        {(data) => (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('admin.kb.current', { version: data.article.version, status: t(`admin.kb.statusLabel.${data.article.status}`) })}
            </Typography.Title>
            <Typography.Paragraph strong>{data.article.title}</Typography.Paragraph>
            <div style={{ maxHeight: 240, overflow: 'auto', marginBottom: 16 }}>
              <KbBody body={data.article.body} />
            </div>
            {data.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.kb.noVersions')} />
            ) : (
              <Collapse
                data-testid="kb-versions"
                items={data.items.map((v) => ({
                  key: String(v.version),
                  label: (
                    <span>
                      {t('admin.kb.versionBy', { version: v.version, time: formatDateTime(v.publishedAt, language), who: v.publishedByName ?? t('role.system') })}
                      {v.version === data.article.version ? <Tag color="green" style={{ marginInlineStart: 8 }}>{t('admin.policy.current')}</Tag> : null}
                    </span>
                  ),
                  children: (
                    <>
                      <Typography.Paragraph strong>{v.title}</Typography.Paragraph>
                      <KbBody body={v.body} />
                      {v.tags.map((tag) => (
                        <Tag key={tag}>{tag}</Tag>
                      ))}
                    </>
                  ),
                }))}
              />
            )}
          </>
        )}
      </QueryFrame>
    </Drawer>
  );
}
