// Creating or editing one user. The role decides which scope field shows: a department for a
// department user, a merchant for merchant staff. The server's problem+json lands on the field it
// names (email taken, department missing…); anything else shows above the form.
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUser, useUpdateUser, useUserOptions } from '../../api/users.queries.ts';
import { type Department, LOCALES, MANAGED_ROLES, type ManagedRole, type User, type UserChange } from '../../api/users.types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { showFieldErrors } from '../../lib/forms.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

interface Values {
  email: string;
  displayName: string;
  role: ManagedRole;
  department?: Department | undefined;
  merchantId?: string | undefined;
  password?: string | undefined;
  locale: string;
}

const FIELDS = ['email', 'displayName', 'role', 'department', 'merchantId', 'password', 'locale', 'active'] as const;
const LOCALE_NAMES: Record<string, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

/** Only what changed, with a role change clearing what the new role cannot have. */
function changesOf(user: User, values: Values): UserChange {
  const change: UserChange = {};
  if (values.displayName.trim() !== user.displayName) change.displayName = values.displayName.trim();
  if (values.role !== user.role) change.role = values.role;
  if (values.role === 'department' && values.department !== user.department) change.department = values.department ?? null;
  if (values.role === 'merchant' && values.merchantId !== user.merchant?.id) change.merchantId = values.merchantId ?? null;
  if (values.locale !== user.locale) change.locale = values.locale;
  return change;
}

export function UserFormModal({ user, selfId, onClose }: { user: User | null; selfId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form) ?? user?.role;
  const [merchantSearch, setMerchantSearch] = useState('');
  const options = useUserOptions(useDebounced(merchantSearch, 250) || undefined);
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const [unplaced, setUnplaced] = useState(false);
  const own = user !== null && user.id === selfId;

  const onError = (error: unknown) => setUnplaced(!showFieldErrors(form, error, FIELDS));
  const submit = (values: Values) => {
    setUnplaced(false);
    if (user) {
      const change = changesOf(user, values);
      if (Object.keys(change).length === 0) return onClose();
      update.mutate(
        { id: user.id, change },
        {
          onSuccess: () => {
            void message.success(t('users.saved'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      {
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        password: values.password ?? '',
        ...(values.role === 'department' ? { department: values.department } : {}),
        ...(values.role === 'merchant' ? { merchantId: values.merchantId } : {}),
        locale: values.locale,
      },
      {
        onSuccess: (created) => {
          void message.success(t('users.created', { name: created.displayName }));
          onClose();
        },
        onError,
      },
    );
  };

  const departments = options.data?.departments ?? [];
  const merchants = options.data?.merchants ?? [];
  // The user's current merchant stays choosable even when the search does not list it.
  const merchantOptions = [
    ...(user?.merchant && !merchants.some((m) => m.id === user.merchant?.id) ? [{ value: user.merchant.id, label: user.merchant.name }] : []),
    ...merchants.map((m) => ({ value: m.id, label: m.name })),
  ];
  const required = { required: true, message: t('users.required') };
  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      okText={user ? t('users.save') : t('users.create')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {mutation.isError && unplaced ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={mutation.error} />
        </div>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="user-form"
        onFinish={submit}
        initialValues={{
          email: user?.email ?? '',
          displayName: user?.displayName ?? '',
          role: (user?.role as ManagedRole | undefined) ?? 'agent',
          department: user?.department ?? undefined,
          merchantId: user?.merchant?.id,
          locale: user?.locale ?? 'zh-CN',
        }}
      >
        <Form.Item name="email" label={t('users.email')} rules={[required, { type: 'email', message: t('users.emailInvalid') }]}>
          <Input disabled={user !== null} autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[required]} extra={own ? t('users.ownAccount') : undefined}>
          <Select
            data-testid="user-role"
            disabled={own || user?.role === 'customer'}
            // A customer account keeps its role: shown, not offered.
            options={[...MANAGED_ROLES, ...(user && !(MANAGED_ROLES as readonly string[]).includes(user.role) ? [user.role] : [])].map((r) => ({
              value: r,
              label: t(`role.${r}`),
            }))}
          />
        </Form.Item>
        {role === 'department' ? (
          <Form.Item name="department" label={t('users.department')} rules={[required]}>
            <Select
              data-testid="user-department"
              loading={options.isPending}
              options={departments.map((d) => ({ value: d.key, label: pick(d.label, language) }))}
            />
          </Form.Item>
        ) : null}
        {role === 'merchant' ? (
          <Form.Item name="merchantId" label={t('users.merchant')} rules={[required]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setMerchantSearch }}
              placeholder={t('users.merchantSearch')}
              loading={options.isFetching}
              options={merchantOptions}
            />
          </Form.Item>
        ) : null}
        {user ? null : (
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')} rules={[required, { min: 8, message: t('users.passwordShort') }]}>
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('users.locale')}>
          <Select options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
