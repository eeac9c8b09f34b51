// The real adapter beside the local stand-in: refunds requested from a payment gateway over
// HTTPS, signed with HMAC-SHA256, with the refund id as the gateway's idempotency key so that
// a retry after a timeout can never pay twice.
import { createHmac } from 'node:crypto';
import { type PaymentProvider, providerUnavailable, type RefundOutcome, type RefundRequest } from './payment.provider.ts';

export interface HttpPaymentOptions {
  baseUrl: string;
  secret: string;
  timeoutMs?: number;
}

interface GatewayAnswer {
  status?: unknown;
  reference?: unknown;
  failure_reason?: unknown;
}

export function signPayload(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export class HttpPaymentProvider implements PaymentProvider {
  readonly name = 'http';
  readonly #options: Required<HttpPaymentOptions>;

  constructor(options: HttpPaymentOptions) {
    this.#options = { timeoutMs: 10_000, ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const payout = request.purpose === 'payout';
    const body = JSON.stringify({
      [payout ? 'payout_id' : 'refund_id']: request.refundId,
      order_no: request.orderNo,
      amount_fen: request.amountFen,
      currency: request.currency,
      reason: request.reason,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let response: Response;
    try {
      response = await fetch(`${this.#options.baseUrl}/${payout ? 'payouts' : 'refunds'}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': request.refundId,
          'x-afterdesk-timestamp': timestamp,
          'x-afterdesk-signature': signPayload(this.#options.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      throw providerUnavailable((error as Error).message);
    }
    if (response.status >= 500 || response.status === 429) throw providerUnavailable(`HTTP ${response.status}`);
    const answer = (await response.json().catch(() => ({}))) as GatewayAnswer;
    if (response.ok && answer.status === 'succeeded' && typeof answer.reference === 'string') {
      return { status: 'succeeded', providerRef: answer.reference, failureReason: null };
    }
    if (answer.status === 'pending') throw providerUnavailable('refund pending at the provider');
    const reason = typeof answer.failure_reason === 'string' ? answer.failure_reason : `HTTP ${response.status}`;
    return { status: 'failed', providerRef: null, failureReason: reason };
  }
}
