// What a customer's e-mail says (pure): the message itself, which case it is about, where to
// follow it, and that replies go through the case page, in the customer's language.
export interface EmailFacts {
  outboxId: string;
  caseNo: string;
  title: string | null;
  body: string;
  authorRole: string;
  locale: 'zh-CN' | 'en-US';
  publicUrl: string;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  /** Stable per outbox row: a retry after a lost answer is recognisably the same e-mail. */
  messageId: string;
}

export function composeCaseEmail(f: EmailFacts): ComposedEmail {
  const link = `${f.publicUrl}/cases/${encodeURIComponent(f.caseNo)}`;
  const about = f.title ? ` · ${f.title}` : '';
  const messageId = `<${f.outboxId}@afterdesk>`;
  if (f.locale === 'en-US') {
    return {
      subject: `[Case ${f.caseNo}] ${f.authorRole === 'system' ? 'Update' : 'New reply'}${about}`,
      text: [`Hello,`, '', f.body, '', `Follow your case and reply here: ${link}`, '', 'Please do not reply to this e-mail; answers sent to it are not read.'].join('\n'),
      messageId,
    };
  }
  return {
    subject: `【售后单 ${f.caseNo}】${f.authorRole === 'system' ? '处理进度更新' : '有新的回复'}${about}`,
    text: [`您好：`, '', f.body, '', `查看进度或回复请前往：${link}`, '', '本邮件由系统发送，请勿直接回复。'].join('\n'),
    messageId,
  };
}

/** Minutes to wait before the nth retry (1-based): 1, 5, 30, 120, then every 6 hours. */
export function retryDelayMs(attempt: number): number {
  const minutes = [1, 5, 30, 120][attempt - 1] ?? 360;
  return minutes * 60_000;
}
