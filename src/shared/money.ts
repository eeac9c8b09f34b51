// Money is integer fen (1 yuan = 100 fen), never floating point.
export const YUAN = 100;

export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / YUAN)}.${String(abs % YUAN).padStart(2, '0')}`;
}

/** Splits a total into integer parts proportional to weights, remainder to the largest parts first. */
export function allocate(totalFen: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (totalFen * w) / sum);
  const parts = raw.map(Math.floor);
  let remainder = totalFen - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac);
  for (const { i } of order) {
    if (remainder <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    remainder -= 1;
  }
  return parts;
}
