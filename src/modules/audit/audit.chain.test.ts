import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSeals, GENESIS_HASH, rowSealStatus, type SealWithRow, sealHash } from './audit.chain.ts';

function chain(rows: string[]): SealWithRow[] {
  let prev = GENESIS_HASH;
  return rows.map((canonical, i) => {
    const position = i + 1;
    const hash = sealHash(position, prev, canonical);
    const seal = { position, auditId: 100 + i, prevHash: prev, hash, canonical };
    prev = hash;
    return seal;
  });
}
const start = { position: 0, hash: GENESIS_HASH };
const rowsArb = fc.array(fc.json(), { minLength: 2, maxLength: 30 });

describe('audit hash chain', () => {
  it('accepts an untouched chain, also when checked page by page', () => {
    fc.assert(
      fc.property(rowsArb, fc.nat(), (rows, cut) => {
        const seals = chain(rows);
        const all = checkSeals(start, seals);
        expect(all.ok).toBe(true);
        const k = cut % seals.length;
        const first = checkSeals(start, seals.slice(0, k));
        if (!first.ok) throw new Error('first page failed');
        expect(checkSeals(first.last, seals.slice(k))).toEqual(all);
      }),
    );
  });

  it('finds a changed row at its own position', () => {
    fc.assert(
      fc.property(rowsArb, fc.nat(), fc.string({ minLength: 1 }), (rows, at, extra) => {
        const seals = chain(rows);
        const i = at % seals.length;
        seals[i] = { ...seals[i]!, canonical: seals[i]!.canonical + extra };
        const result = checkSeals(start, seals);
        expect(result).toMatchObject({ ok: false, failure: { kind: 'row_modified', position: i + 1 } });
      }),
    );
  });

  it('finds a deleted row, a removed seal and two swapped seals', () => {
    fc.assert(
      fc.property(rowsArb, fc.nat(), (rows, at) => {
        const seals = chain(rows);
        const i = at % (seals.length - 1);
        const deleted = seals.map((s, j) => (j === i ? { ...s, canonical: null } : s));
        expect(checkSeals(start, deleted)).toMatchObject({ ok: false, failure: { kind: 'row_deleted', position: i + 1, auditId: 100 + i } });
        const removed = seals.filter((_, j) => j !== i);
        expect(checkSeals(start, removed)).toMatchObject({ ok: false, failure: { kind: 'missing_seal', position: i + 1 } });
        // Swapped: each keeps its hash but takes the other's position.
        const swapped = [...seals];
        swapped[i] = { ...seals[i + 1]!, position: i + 1 };
        swapped[i + 1] = { ...seals[i]!, position: i + 2 };
        expect(checkSeals(start, swapped)).toMatchObject({ ok: false, failure: { kind: 'broken_link', position: i + 1 } });
      }),
    );
  });

  it('judges single rows for search and export', () => {
    const [a, b] = chain(['["a"]', '["b"]']);
    const row = (s: SealWithRow, previousSealHash: string | null, canonical = s.canonical!) =>
      rowSealStatus({ canonical, position: s.position, prevHash: s.prevHash, hash: s.hash, previousSealHash });
    expect(row(a!, null)).toBe('verified');
    expect(row(b!, a!.hash)).toBe('verified');
    expect(row(b!, a!.hash, '["B"]')).toBe('broken');
    expect(row(b!, 'f'.repeat(64))).toBe('broken');
    expect(rowSealStatus({ canonical: '[]', position: null, prevHash: null, hash: null, previousSealHash: null })).toBe('pending');
  });
});
