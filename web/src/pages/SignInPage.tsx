// Email + password → the sign-in cookie (set by the API, unreadable here); then back to where the
// user was going.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import type { SignInResult } from '../api/types.ts';
import { dropExpiredFlag, peekExpiredFlag, saveSignedIn, useSignedIn } from '../auth/signed-in.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { showFieldErrors } from '../lib/forms.ts';

interface Credentials {
  email: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Credentials>();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [expired] = useState(peekExpiredFlag);
  useEffect(dropExpiredFlag, []);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const signIn = useMutation({
    mutationFn: (body: Credentials) => api<SignInResult>('POST', '/api/v1/auth/sign-in', { body: { ...body, cookie: true } }),
    onSuccess: (result) => {
      queryClient.clear();
      saveSignedIn({ user: result.user, csrfToken: result.csrfToken });
      void navigate(from.startsWith('/sign-in') ? '/' : from, { replace: true });
    },
    onError: (error) => showFieldErrors(form, error, ['email', 'password']),
  });
  if (signedIn && !signIn.isPending) return <Navigate to="/" replace />;

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', display: 'flex', flexDirection: 'column' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', columnGap: 16, padding: 16 }}>
        <Link to="/help">{t('kb.title')}</Link>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'flex-start', justifyContent: 'center', paddingTop: '8vh' }}>
        <Card style={{ width: 380, maxWidth: '92vw' }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('app.name')} · {t('signIn.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
          {expired ? <Alert type="warning" showIcon title={t('signIn.expired')} style={{ marginBottom: 16 }} /> : null}
          {signIn.isError ? (
            <div style={{ marginBottom: 16 }}>
              <ProblemAlert error={signIn.error} />
            </div>
          ) : null}
          <Form<Credentials> form={form} layout="vertical" requiredMark={false} onFinish={(values) => signIn.mutate(values)}>
            <Form.Item
              name="email"
              label={t('signIn.email')}
              rules={[
                { required: true, message: t('signIn.emailRequired') },
                { type: 'email', message: t('signIn.emailInvalid') },
              ]}
            >
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
