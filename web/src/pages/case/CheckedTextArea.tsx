// A text area whose text reaches the customer: the wording check (RISK-1) runs as it is written,
// flags risky phrases with the compliant alternative and replaces one with a click. Used in
// action forms (a plan's basis, a result, a question) as the reply box uses the same check.
import { Input } from 'antd';
import type { TextAreaProps } from 'antd/es/input';
import { useWordingCheck } from '../../api/casework.queries.ts';
import type { WordingFlag } from '../../api/casework.types.ts';
import { useDebounced } from '../../lib/useDebounced.ts';
import { replaceFlag } from '../../lib/wording.ts';
import { WordingFlags } from './WordingFlags.tsx';

const CHECK_DELAY_MS = 400;

type Props = Omit<TextAreaProps, 'value' | 'onChange'> & { value?: string; onChange?: (value: string) => void; checked: boolean };

export function CheckedTextArea({ value, onChange, checked, ...rest }: Props) {
  const text = value ?? '';
  const settled = useDebounced(text, CHECK_DELAY_MS);
  const check = useWordingCheck(settled, checked);
  const flags: WordingFlag[] = checked && settled === text ? (check.data?.flags ?? []) : [];
  return (
    <>
      <Input.TextArea {...rest} value={text} onChange={(e) => onChange?.(e.target.value)} />
      <div style={{ marginTop: flags.length > 0 ? 8 : 0 }}>
        <WordingFlags flags={flags} onReplace={(flag) => onChange?.(replaceFlag(text, flag))} />
      </div>
    </>
  );
}
