// Keyboard shortcuts on a case for handlers: r writes a reply, 1–9 run the nth available action
// (the same buttons the actions card shows), g goes back to the list, ? lists them.
import { useNavigate } from 'react-router';
import { ShortcutHelp } from '../../components/ShortcutHelp.tsx';

function actionButton(n: number): HTMLButtonElement | null {
  return document.querySelectorAll<HTMLButtonElement>('[data-testid="case-actions"] button[data-action]')[n - 1] ?? null;
}

export function CaseShortcuts() {
  const navigate = useNavigate();
  const shortcuts = [
    { key: 'r', label: 'shortcuts.reply', run: () => document.querySelector<HTMLTextAreaElement>('[data-testid="case-messages"] textarea')?.focus() },
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
      key: String(n),
      label: n === 1 ? 'shortcuts.action' : '',
      ...(n === 1 ? { shown: '1–9' } : {}),
      run: () => actionButton(n)?.click(),
    })),
    { key: 'g', label: 'shortcuts.back', run: () => void navigate('/cases') },
  ];
  return <ShortcutHelp shortcuts={shortcuts} />;
}
