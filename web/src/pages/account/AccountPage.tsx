// "My account": who is signed in, where (and ending those sign-ins), and for staff the
// integration tokens other systems use to act as them.
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { SignInsCard } from './SignInsCard.tsx';
import { TokensCard } from './TokensCard.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  if (!signedIn) return null; // the layout sends a signed-out visitor to sign in
  const staff = STAFF_ROLES.includes(signedIn.user.role);
  return (
    <Space orientation="vertical" size={24} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('account.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {signedIn.user.displayName} <Tag>{t(`role.${signedIn.user.role}`, { defaultValue: signedIn.user.role })}</Tag>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('account.subtitle')}</Typography.Paragraph>
      </div>
      <SignInsCard offerTokens={staff} />
      {staff ? <TokensCard /> : null}
    </Space>
  );
}
