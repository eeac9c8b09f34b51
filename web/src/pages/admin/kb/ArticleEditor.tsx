// Write a help article, or change one: the editor starts from the current text and saves it as
// the next version (sent with the version it started from, so a change made meanwhile is refused
// instead of overwritten). A published article's new version is published at once unless the
// admin keeps it as a draft.
import { App, Button, Drawer, Form, Input, Select, Skeleton, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useArticleVersions, useSaveArticle } from '../../../api/admin.content.queries.ts';
import { type KbArticleInput, UI_LANGUAGES } from '../../../api/admin.types.ts';
import { KB_CATEGORIES, type KbArticle } from '../../../api/kb.types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../../lib/forms.ts';
import { FormProblem, TagsInput, useOptions } from '../shared.tsx';

type Values = KbArticleInput & { publish: boolean };
const FIELDS = ['slug', 'locale', 'category', 'title', 'body', 'tags', 'expectedVersion'];

function ArticleForm({ article, onClose }: { article: KbArticle | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const options = useOptions();
  const [form] = Form.useForm<Values>();
  const save = useSaveArticle();
  const [placed, setPlaced] = useState(false);
  const submit = ({ publish, ...content }: Values) =>
    save.mutate(
      article
        ? { id: article.id, input: { ...content, expectedVersion: article.version, ...(article.status === 'archived' ? {} : { status: publish ? 'published' : 'draft' }) } }
        : { id: null, input: { ...content, publish } },
      {
        onSuccess: (saved) => {
          void message.success(article ? t('admin.kb.saved', { version: saved.version }) : t('admin.kb.created'));
          onClose();
        },
        onError: (error) => setPlaced(showFieldErrors(form, error, FIELDS)),
      },
    );
  const initial: Values = article
    ? { slug: article.slug, locale: article.locale, category: article.category, title: article.title, body: article.body, tags: article.tags, publish: article.status === 'published' }
    : { slug: '', locale: 'zh-CN', category: 'return_process', title: '', body: '', tags: [], publish: false };
  return (
    <>
      {save.isError ? (
        <div style={{ marginBottom: 12 }}>
          <FormProblem error={save.error} placed={placed} />
        </div>
      ) : null}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="kb-form">
        <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr', columnGap: 12 }}>
          <Form.Item name="slug" label={t('admin.kb.slug')} extra={t('admin.kb.slugHint')} rules={[{ required: true, pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: t('admin.kb.slugHint') }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="locale" label={t('admin.kb.locale')}>
            <Select options={options('admin.locale', UI_LANGUAGES)} />
          </Form.Item>
          <Form.Item name="category" label={t('admin.kb.category')}>
            <Select options={options('admin.category', KB_CATEGORIES)} />
          </Form.Item>
        </div>
        <Form.Item name="title" label={t('admin.kb.articleTitle')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('admin.kb.body')} extra={t('admin.kb.bodyHint')} rules={[{ required: true, whitespace: true, message: t('admin.common.required') }]}>
          <Input.TextArea rows={12} maxLength={20_000} showCount />
        </Form.Item>
        <Form.Item name="tags" label={t('admin.kb.tags')}>
          <TagsInput placeholder={t('admin.routing.tagsHint')} />
        </Form.Item>
        {article?.status === 'archived' ? null : (
          <Form.Item name="publish" label={t('admin.kb.publishNow')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="kb-save">
          {article ? t('admin.kb.saveAsVersion', { n: article.version + 1 }) : t('admin.kb.create')}
        </Button>
      </Space>
    </>
  );
}

export function ArticleEditor({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const current = useArticleVersions(id);
  const article = current.data?.article ?? null;
  return (
    <Drawer open size={820} title={article ? t('admin.kb.editArticle', { title: article.title }) : t('admin.kb.newArticle')} onClose={onClose} destroyOnHidden>
      {id === null ? (
        <ArticleForm article={null} onClose={onClose} />
      ) : current.isError ? (
        <ProblemAlert error={current.error} onRetry={() => void current.refetch()} />
      ) : article ? (
        <ArticleForm article={article} onClose={onClose} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}
