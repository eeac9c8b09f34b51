// Default reply templates in en-US (AN-5), for customers who use the English console.
import type { DefaultTemplate } from './reply.defaults.ts';

export const DEFAULT_TEMPLATES_EN: DefaultTemplate[] = [
  {
    slug: 'ack.generic.en',
    name: 'Acknowledgement · general',
    state: 'acknowledged',
    body: 'Dear {{customerName}}, we have accepted your case {{caseNo}}. We are looking into it and will get back to you by {{dueAt}} (Beijing time).',
  },
  {
    slug: 'ack.logistics.en',
    name: 'Acknowledgement · logistics',
    category: 'logistics',
    state: 'acknowledged',
    body: 'Dear {{customerName}}, we have accepted your delivery issue (case {{caseNo}}, order {{orderNo}}). We are checking with the carrier and will update you by {{dueAt}} (Beijing time). We are sorry for the inconvenience.',
  },
  {
    slug: 'ack.product_quality.en',
    name: 'Acknowledgement · product quality',
    category: 'product_quality',
    state: 'acknowledged',
    body: 'Dear {{customerName}}, we have accepted your quality report on "{{productName}}" (case {{caseNo}}). We are checking it with the merchant and will reply by {{dueAt}} (Beijing time). Photos or a video of the problem would help us move faster.',
  },
  {
    slug: 'evidence.generic.en',
    name: 'Evidence request · general',
    state: 'awaiting_customer',
    body: 'Dear {{customerName}}, to handle case {{caseNo}} we need a few more details: please upload clear photos or a video of the problem, and of the packaging and shipping label, by {{dueAt}} (Beijing time). After that we will decide on the information we have.',
  },
  {
    slug: 'plan.generic.en',
    name: 'Plan proposal · general',
    state: 'plan_proposed',
    body: 'Dear {{customerName}}, we have proposed a solution for case {{caseNo}}; you can see the details under "My cases". Please accept it or tell us what you need by {{dueAt}} (Beijing time), and we will do our best to find the best solution for you.',
  },
  {
    slug: 'return.instructions.en',
    name: 'Return instructions',
    state: 'awaiting_return',
    body: 'Dear {{customerName}}, your return is approved. Please send "{{productName}}" back with all accessories and packaging by {{dueAt}} (Beijing time), and enter the tracking number in case {{caseNo}}. Please do not ship cash on delivery.',
  },
  {
    slug: 'refund.done.en',
    name: 'Refund completed',
    state: 'resolved',
    body: 'Dear {{customerName}}, the refund of {{refundAmount}} for case {{caseNo}} has been sent back to your original payment method. It usually arrives within 1-3 working days, depending on your payment provider.',
  },
  {
    slug: 'safety.escalation.en',
    name: 'Safety issue escalation (L1)',
    category: 'product_quality',
    kind: 'complaint',
    severity: 'L1',
    body: 'Dear {{customerName}}, what you describe concerns personal safety, so case {{caseNo}} is now handled as urgent (L1) by our after-sales supervisor together with our compliance team. Please stop using "{{productName}}" right away and keep the product, its packaging and any receipts. If anyone was hurt, please see a doctor first and keep the medical records. We will contact you by {{dueAt}} (Beijing time) with our findings and a proposed solution.',
  },
];
