// Evidence and other files: download through the API (with the sign-in cookie), upload with a purpose.
import { App, Button, Card, List, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../auth/signed-in.ts';
import { downloadFile } from '../../api/client.ts';
import { useUploadAttachment } from '../../api/queries.ts';
import { type Attachment, type CaseDetail, READ_ONLY_STATES } from '../../api/types.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert, problemText } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatBytes, formatDateTime } from '../../lib/format.ts';

const PURPOSES = ['evidence', 'inspection', 'execution_proof', 'other'] as const;

function UploadForm({ caseNo, staff }: { caseNo: string; staff: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [purpose, setPurpose] = useState<string>('evidence');
  const upload = useUploadAttachment(caseNo);
  const purposes = staff ? PURPOSES : (['evidence', 'other'] as const);
  const submit = () => {
    if (!file) {
      void message.warning(t('upload.noFile'));
      return;
    }
    upload.mutate(
      { file, purpose },
      {
        onSuccess: (saved) => {
          setFile(null);
          void message.success(t('upload.done', { name: saved.fileName }));
        },
      },
    );
  };
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('upload.title')}</Typography.Text>
      <Space wrap style={{ display: 'flex', marginTop: 8 }}>
        <Select
          aria-label={t('upload.purpose')}
          value={purpose}
          onChange={setPurpose}
          style={{ width: 140 }}
          options={purposes.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
        />
        <Upload
          maxCount={1}
          fileList={file ? [{ uid: 'pending', name: file.name, status: 'done' }] : []}
          beforeUpload={(picked) => {
            setFile(picked);
            upload.reset();
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button>{t('upload.choose')}</Button>
        </Upload>
        <Button type="primary" onClick={submit} loading={upload.isPending} disabled={!file}>
          {t('upload.submit')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
        {t('upload.hint')}
      </Typography.Paragraph>
      {upload.isError ? (
        <div style={{ marginTop: 8 }}>
          <ProblemAlert error={upload.error} />
        </div>
      ) : null}
    </div>
  );
}

function AttachmentRow({ caseNo, attachment }: { caseNo: string; attachment: Attachment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const word = useWord();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(`/api/v1/cases/${encodeURIComponent(caseNo)}/attachments/${attachment.id}`, attachment.fileName);
    } catch (error) {
      void message.error(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <List.Item
      actions={[
        <Button key="download" size="small" type="link" loading={busy} onClick={() => void download()}>
          {t('common.download')}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={<span style={{ overflowWrap: 'anywhere' }}>{attachment.fileName}</span>}
        description={`${word('purpose', attachment.purpose)} · ${word('role', attachment.uploaderRole)} · ${formatBytes(attachment.sizeBytes)} · ${formatDateTime(attachment.createdAt, language)}`}
      />
    </List.Item>
  );
}

export function AttachmentsCard({ detail, staff }: { detail: CaseDetail; staff: boolean }) {
  const { t } = useTranslation();
  // A collaborating department reads the case but adds no evidence to it; nobody adds any to an
  // archived or merged case.
  const readOnly = useSignedIn()?.user.role === 'department' || READ_ONLY_STATES.includes(detail.state);
  return (
    <Card title={t('case.attachments')} size="small">
      <List
        size="small"
        dataSource={detail.attachments}
        locale={{ emptyText: t('case.noAttachments') }}
        renderItem={(a) => <AttachmentRow key={a.id} caseNo={detail.caseNo} attachment={a} />}
      />
      {readOnly ? null : <UploadForm caseNo={detail.caseNo} staff={staff} />}
    </Card>
  );
}
