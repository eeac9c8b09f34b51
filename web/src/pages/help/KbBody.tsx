// An article's simple markdown (paragraphs, "-" and "1." lists, **bold**) rendered as React text:
// nothing in it is ever interpreted as HTML.
import { Typography } from 'antd';
import type { ReactNode } from 'react';

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
    part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part,
  );
}

export function KbBody({ body }: { body: string }) {
  const blocks = body.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  return (
    <div data-testid="kb-body">
      {blocks.map((block, index) => {
        const lines = block.split('\n').map((l) => l.trim());
        const intro = lines.findIndex((l) => /^(-|\*|\d+\.)\s/.test(l));
        if (intro === -1) return <Typography.Paragraph key={index}>{inline(lines.join(' '))}</Typography.Paragraph>;
        const items = lines.slice(intro).filter((l) => /^(-|\*|\d+\.)\s/.test(l));
        const ordered = /^\d+\.\s/.test(items[0] ?? '');
        const list = items.map((l, i) => <li key={i}>{inline(l.replace(/^(-|\*|\d+\.)\s+/, ''))}</li>);
        return (
          <div key={index} style={{ marginBottom: 14 }}>
            {intro > 0 ? <Typography.Paragraph style={{ marginBottom: 6 }}>{inline(lines.slice(0, intro).join(' '))}</Typography.Paragraph> : null}
            {ordered ? <ol style={{ paddingInlineStart: 22, margin: 0 }}>{list}</ol> : <ul style={{ paddingInlineStart: 22, margin: 0 }}>{list}</ul>}
          </div>
        );
      })}
    </div>
  );
}
