// The list of a page's keyboard shortcuts, opened with "?".
import { Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ShortcutMap, useShortcuts } from '../lib/useShortcuts.ts';

export interface Shortcut {
  key: string;
  /** i18n key of what it does; empty: works but is listed under another row (e.g. 1–9). */
  label: string;
  /** How the list shows the key, when not the key itself. */
  shown?: string;
  run: () => void;
}

export function ShortcutHelp({ shortcuts, enabled = true }: { shortcuts: Shortcut[]; enabled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const map: ShortcutMap = Object.fromEntries(shortcuts.map((s) => [s.key, s.run]));
  map['?'] = () => setOpen(true);
  useShortcuts(map, enabled);
  return (
    <Modal open={open} title={t('shortcuts.title')} footer={null} onCancel={() => setOpen(false)} data-testid="shortcut-help">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={[...shortcuts.filter((s) => s.label), { key: '?', label: 'shortcuts.help', run: () => undefined }]}
        columns={[
          { title: t('shortcuts.key'), dataIndex: 'key', width: 90, render: (key: string, row: Shortcut) => <Typography.Text keyboard>{row.shown ?? key}</Typography.Text> },
          { title: t('shortcuts.does'), dataIndex: 'label', render: (label: string) => t(label) },
        ]}
      />
    </Modal>
  );
}
