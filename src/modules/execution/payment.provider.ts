// Refunds leave Afterdesk through this interface. The provider must be idempotent by refund id:
// asking twice for the same refund returns the first outcome and moves money once.
import { AppError } from '../../shared/errors.ts';

export interface RefundRequest {
  refundId: string;
  orderNo: string;
  amountFen: number;
  currency: string;
  reason: string;
  /**
   * order_refund: back along the order's own payment (原路退回), never above what it charged.
   * payout: money the customer advanced elsewhere (return postage paid to a carrier), paid to
   * their account as a transfer: a gateway refuses to refund an order above its charge.
   */
  purpose?: 'order_refund' | 'payout';
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

/** The provider did not answer, or answered that it cannot say yet: the refund's outcome is unknown. */
export const providerUnavailable = (detail: string) =>
  new AppError({
    status: 502,
    type: 'payment-provider-unavailable',
    text: {
      'zh-CN': '支付渠道暂时无法处理退款，请稍后重试（不会重复退款）',
      'en-US': 'The payment provider could not process the refund now; retry later (it will not pay twice)',
    },
    extra: { providerDetail: detail },
  });

/**
 * A local stand-in for the payment platform (the edge of the world). It keeps its own ledger
 * of refunds by id so that repeats are answered from it, as a real provider's idempotency does.
 */
export class LocalPaymentProvider implements PaymentProvider {
  readonly name = 'local';
  readonly #refunds = new Map<string, RefundOutcome & { amountFen: number }>();
  #answersToLose = 0;

  /** The next `count` refunds are carried out but their answers are lost, as on a gateway timeout. */
  loseAnswers(count: number): void {
    this.#answersToLose = count;
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const outcome = this.#carryOut(request);
    if (this.#answersToLose > 0) {
      this.#answersToLose -= 1;
      throw providerUnavailable('answer lost');
    }
    return outcome;
  }

  #carryOut(request: RefundRequest): RefundOutcome {
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
