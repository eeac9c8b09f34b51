// Pieces every admin page uses: the page heading, the admin-only guard, vocabulary options for
// selects, a free-text list input, the product category picker, and the loading / error / empty
// frame of a query.
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Empty, Result, Select, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProductCategories } from '../../api/policy.queries.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert, problemText } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';

export function PageHeader({ title, subtitle, extra }: { title: string; subtitle?: string; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
      <div style={{ flex: 1, minWidth: 280 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 900 }}>
            {subtitle}
          </Typography.Paragraph>
        ) : null}
      </div>
      {extra ? <div style={{ flex: 'none' }}>{extra}</div> : null}
    </div>
  );
}

export function Forbidden({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={text ?? t('admin.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.home')}</Button>
        </Link>
      }
    />
  );
}

/** Renders its children only for admins. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  if (signedIn?.user.role !== 'admin') return <Forbidden />;
  return <>{children}</>;
}

/** Select options for codes labelled from a vocabulary group of the translations ("kind", "admin.category"…). */
export function useOptions() {
  const { t } = useTranslation();
  return (group: string, codes: readonly string[]) => codes.map((code) => ({ value: code, label: t(`${group}.${code}`, { defaultValue: code }) }));
}

type TagsProps = { value?: string[]; onChange?: (value: string[]) => void; placeholder?: string; id?: string; 'aria-label'?: string };

/**
 * A list of free words (skills, categories, dates): type and press Enter. With `options`, the
 * words can also be picked from a searchable list.
 */
export function TagsInput(props: TagsProps & { options?: { value: string; label: string }[]; loading?: boolean }) {
  return (
    <Select
      id={props.id}
      mode="tags"
      value={props.value ?? []}
      onChange={(value: string[]) => props.onChange?.(value.map((v) => v.trim()).filter(Boolean))}
      placeholder={props.placeholder}
      aria-label={props['aria-label']}
      // Picking from a list, a space belongs to the search ("Home appliances"); free words split on it.
      {...(props.options
        ? { options: props.options, optionFilterProp: 'label', loading: props.loading, tokenSeparators: [',', '，'] }
        : { open: false, suffixIcon: null, tokenSeparators: [',', '，', ' '] })}
      style={{ width: '100%' }}
    />
  );
}

/**
 * Product category codes, picked by their names (searchable) from the shop's named categories; a
 * code the shop has not named yet can still be typed.
 */
export function CategorySelect(props: TagsProps) {
  const language = useLanguage();
  const categories = useProductCategories();
  const options = (categories.data?.items ?? []).map((c) => ({ value: c.code, label: `${pick(c.name, language)} · ${c.code}` }));
  return <TagsInput {...props} options={options} loading={categories.isPending} />;
}

/** A category code as its name ("灯具"), or the code itself when the shop has not named it. */
export function useCategoryLabel(): (code: string) => string {
  const language = useLanguage();
  const categories = useProductCategories();
  const names = new Map((categories.data?.items ?? []).map((c) => [c.code, pick(c.name, language)]));
  return (code) => names.get(code) ?? code;
}

/**
 * The frame of a query's result: a skeleton while the first answer is on its way, the problem with
 * a retry when it failed, an empty note when `isEmpty` says so, else the children.
 */
export function QueryFrame<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isError && query.data === undefined) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (isEmpty?.(query.data)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? t('admin.common.empty')} />;
  return <>{children(query.data)}</>;
}

/** Page number and size kept in the address (?page=&size=), so a page can be linked and reloaded. */
export function pageFromParams(params: URLSearchParams, sizes: readonly number[], fallbackSize: number): { page: number; pageSize: number } {
  const size = Number(params.get('size'));
  return {
    pageSize: sizes.includes(size) ? size : fallbackSize,
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
  };
}

/**
 * A refused save: when every field error found its field (`placed`), only the summary is shown
 * here and the details stay on the fields; otherwise the whole problem.
 */
export function FormProblem({ error, placed }: { error: unknown; placed: boolean }) {
  const { t } = useTranslation();
  if (!placed) return <ProblemAlert error={error} />;
  return <Alert type="error" showIcon role="alert" title={problemText(error)} description={t('admin.common.fieldErrors')} />;
}
