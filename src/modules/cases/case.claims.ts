// IN-8: the same units of an order line are not asked for twice while a case about them is open.
// An identical request is the open case's duplicate (the duplicate slot links it); a different
// request that would claim more units than were bought, between the open cases and itself, is
// refused and names the open case. Pure.
import type { OpenClaim } from '../orders/index.ts';

// The unit goes back or its price does: a return, a refund and an exchange of the same unit exclude
// each other. Other kinds (repair, reship, price protection) collide only with their own kind.
const GOODS_BACK = new Set(['return_refund', 'refund_only', 'exchange']);

function collides(a: string, b: string): boolean {
  return a === b || (GOODS_BACK.has(a) && GOODS_BACK.has(b));
}

export interface Overclaim {
  index: number;
  caseNo: string;
}

export function overclaimedItem(
  request: { kind: string; dedupeKey: string | null; items: readonly { orderItemId: string; quantity: number }[] },
  lines: readonly { orderItemId: string; quantity: number; openClaims: readonly OpenClaim[] }[],
): Overclaim | null {
  const byId = new Map(lines.map((l) => [l.orderItemId, l]));
  const claims = lines.flatMap((l) => l.openClaims);
  if (request.dedupeKey !== null && claims.some((c) => c.dedupeKey === request.dedupeKey)) return null;
  for (const [index, item] of request.items.entries()) {
    const line = byId.get(item.orderItemId);
    if (!line) continue;
    const colliding = line.openClaims.filter((c) => collides(c.kind, request.kind));
    const claimed = colliding.reduce((sum, c) => sum + c.quantity, 0);
    if (colliding.length > 0 && claimed + item.quantity > line.quantity) return { index, caseNo: colliding[0]!.caseNo };
  }
  return null;
}
