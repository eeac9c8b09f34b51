// Refunds leave Afterdesk through this interface. The provider must be idempotent by refund id:
// asking twice for the same refund returns the first outcome and moves money once.
export interface RefundRequest {
  refundId: string;
  orderNo: string;
  amountFen: number;
  currency: string;
  reason: string;
}

export interface RefundOutcome {
  status: 'succeeded' | 'failed';
  providerRef: string | null;
  failureReason: string | null;
}

export interface PaymentProvider {
  readonly name: string;
  refund(request: RefundRequest): Promise<RefundOutcome>;
}

/**
 * A local stand-in for the payment platform (the edge of the world). It keeps its own ledger
 * of refunds by id so that repeats are answered from it, as a real provider's idempotency does.
 */
export class LocalPaymentProvider implements PaymentProvider {
  readonly name = 'local';
  readonly #refunds = new Map<string, RefundOutcome & { amountFen: number }>();

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const previous = this.#refunds.get(request.refundId);
    if (previous) return { status: previous.status, providerRef: previous.providerRef, failureReason: previous.failureReason };
    // The reference is drawn from the refund id: unique across restarts of the process (a running
    // number restarted at 1 and gave two refunds one reference), and the same for a repeat.
    const outcome: RefundOutcome =
      request.amountFen > 0
        ? { status: 'succeeded', providerRef: `LP${request.refundId.replaceAll('-', '').slice(0, 20).toUpperCase()}`, failureReason: null }
        : { status: 'failed', providerRef: null, failureReason: 'amount must be positive' };
    this.#refunds.set(request.refundId, { ...outcome, amountFen: request.amountFen });
    return outcome;
  }

  /** How many distinct refunds moved money (tests check that retries do not add any). */
  get executedCount(): number {
    return [...this.#refunds.values()].filter((r) => r.status === 'succeeded').length;
  }
}
