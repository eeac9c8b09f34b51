import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyLine, classifyStream, parseClassifyLine } from '../../cli/classify.ts';
import { classify } from './triage.classify.ts';

describe('classify CLI (JSON Lines)', () => {
  it('writes exactly what classify() decides, with the id', () => {
    const out = JSON.parse(classifyLine('{"id":"1","text":"充电器冒烟了差点起火","channel":"web"}'));
    const r = classify({ text: '充电器冒烟了差点起火', channel: 'web' });
    expect(Object.keys(out)).toEqual(['id', 'category', 'severity', 'emotion', 'kind', 'priority', 'reasons']);
    expect(out).toEqual({ id: '1', category: r.category, severity: r.severity, emotion: r.emotion, kind: r.kind, priority: r.priority, reasons: r.reasons });
    expect(out.severity).toBe('L1');
  });

  it.each([
    ['not json', null, /not JSON/],
    ['[1,2]', null, /JSON object/],
    ['{"id":"a"}', 'a', /text is required/],
    ['{"id":7,"text":"  "}', 7, /text is required/],
    ['{"id":"b","text":"x","channel":3}', 'b', /channel/],
    ['{"id":"c","text":"x","previousContacts":-1}', 'c', /previousContacts/],
    ['{"id":"d","text":"x","groupComplaint":"yes"}', 'd', /groupComplaint/],
  ])('reports a bad line %s with its id', (line, id, message) => {
    const out = JSON.parse(classifyLine(line));
    expect(out.id).toEqual(id);
    expect(out.error).toMatch(message);
  });

  it('passes the optional fields on', () => {
    const parsed = parseClassifyLine('{"id":"x","text":"快递还没到","tier":"gold","kindHint":"complaint","groupComplaint":true,"previousContacts":2}');
    expect(parsed).toMatchObject({ ok: true, input: { tier: 'gold', kindHint: 'complaint', groupComplaint: true, previousContacts: 2 } });
  });

  it('answers one line per input line, in order, and goes on after a bad one', async () => {
    const input = Readable.from(['{"id":"1","text":"快递丢了"}\n', 'oops\n', '\n', '{"id":"3","text":"I was charged twice"}\n']);
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c: Buffer) => chunks.push(c.toString()));
    expect(await classifyStream(input, output)).toBe(3);
    const lines = chunks.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['1', null, '3']);
    expect(lines[1].error).toBeDefined();
    expect(lines[2].category).toBe('payment');
  });
});
