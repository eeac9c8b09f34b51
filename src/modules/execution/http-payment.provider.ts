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

export interface GatewayAnswer {
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
    const answer = await response.json().then((body: unknown) => (typeof body === 'object' && body !== null ? (body as GatewayAnswer) : null), () => null);
    return outcomeOf(response.status, answer);
  }
}

/** Statuses that say nothing about the refund itself: a timeout, a request still being worked on (409), throttling. */
const UNSETTLED_STATUSES = new Set([408, 409, 425, 429]);

/**
 * What the gateway's answer says of the refund. Only a clear refusal is a failure: an answer (2xx,
 * or a 4xx about the request itself) saying it failed. Anything else it cannot be sure of (a server error, a timeout or conflict, a 2xx
 * without a reference or without a readable body, an answer it does not know) leaves the refund in
 * doubt: finance retrying a "failed" refund asks under a new refund id, and a refund the gateway
 * did make would be paid twice. In doubt, it is asked again under the same id until it answers.
 */
export function outcomeOf(status: number, answer: GatewayAnswer | null): RefundOutcome {
  if (status >= 200 && status < 300 && answer?.status === 'succeeded' && typeof answer.reference === 'string' && answer.reference !== '') {
    return { status: 'succeeded', providerRef: answer.reference, failureReason: null };
  }
  const answered = (status >= 200 && status < 300) || (status >= 400 && status < 500 && !UNSETTLED_STATUSES.has(status));
  if (answered && answer?.status === 'failed') {
    const reason = typeof answer.failure_reason === 'string' ? answer.failure_reason : `HTTP ${status}`;
    return { status: 'failed', providerRef: null, failureReason: reason };
  }
  if (answer?.status === 'pending') throw providerUnavailable('refund pending at the provider');
  throw providerUnavailable(`HTTP ${status}: ${answer === null ? 'no readable answer' : `answer ${JSON.stringify(answer.status ?? null)}`}`);
}
