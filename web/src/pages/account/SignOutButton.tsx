// Sign-out in the header: ends this sign-in on the server (which clears the cookie), then here.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { clearSignedIn } from '../../auth/signed-in.ts';
import { problemText } from '../../components/ProblemAlert.tsx';

export function SignOutButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => api<void>('POST', '/api/v1/auth/sign-out'),
    onSuccess: () => {
      queryClient.clear();
      clearSignedIn();
    },
    // A sign-in the server already ended is cleared by the client; anything else is shown.
    onError: (error) => void message.error(problemText(error)),
  });
  return (
    <Button size="small" loading={signOut.isPending} onClick={() => signOut.mutate()}>
      {t('nav.signOut')}
    </Button>
  );
}
