// Default English help-centre articles, written to the platform's after-sales baseline. Merchants may
// offer more; each article points to the policy shown on the order page.
import type { DefaultArticle } from './kb.defaults.ts';

export const DEFAULT_ARTICLES_EN: DefaultArticle[] = [
  {
    slug: 'seven-day-no-reason-return', category: 'return_process', tags: ['no-reason return', 'return', 'changed my mind'],
    title: 'How do I return an item within 7 days without giving a reason?',
    body: `You can return most goods within **7 days of delivery** (counted from the day after you signed for the parcel) as long as they are unused and resaleable, with tags, accessories, gifts and packaging.

Go to **My orders** → open the order → **Apply for after-sales** next to the item → choose *Return & refund* and the reason *No reason*. Before you submit, the page tells you whether the request meets the policy and until when you can apply.

Not covered by the no-reason return (quality problems always are): custom-made goods, fresh or perishable food, opened digital goods and software, intimate apparel, and opened cosmetics. These exclusions are shown on the product page before you order.`,
  },
  {
    slug: 'return-shipping-fee', category: 'return_process', tags: ['return shipping', 'return-shipping insurance', 'shipping cost', 'who pays'],
    title: 'Who pays the return shipping? How does return-shipping insurance work?',
    body: `Who pays return shipping depends on why you return the item:
- **Quality problem, wrong or missing item, not as described**: the merchant pays. Pay the courier, enter the fee on your case when you ship, and it is refunded with your refund.
- **No-reason return**: normally you pay, unless your order has **return-shipping insurance**, which pays the return fee for you, or the merchant offers free returns (see the order page).

Insurance claims start automatically once you enter the tracking number; the payout usually reaches your original payment account within 72 hours after the refund.`,
  },
  {
    slug: 'refund-arrival-time', category: 'payment', tags: ['refund time', 'refund status', 'refund progress', 'original payment'],
    title: 'How long does a refund take, and how can I track it?',
    body: `Once the merchant has received and inspected your return, the refund is issued within **3 working days** (the legal maximum is 7 days). Refund-only requests are refunded once approved.

Refunds go back to the **original payment method**:
- Alipay or WeChat Pay balance: usually within 1 working day;
- Bank and credit cards: usually 1–3 working days, up to 7 with some banks.

Open **My cases** → your case to see the stage (review, return shipment, inspection, refund, done), the amount, the status and the transaction reference.`,
  },
  {
    slug: 'duplicate-charge', category: 'payment', tags: ['charged twice', 'double charge', 'duplicate payment', 'paid twice'],
    title: 'I was charged twice for one order',
    body: `A double charge usually happens when the connection drops during payment or the pay button is pressed twice.

- If two orders were created and you only want one, cancel the one that has not shipped: its payment is refunded automatically.
- If there is only one order but you were charged twice, the extra payment is returned automatically within **1–3 working days** after reconciliation.
- Still not returned after 3 working days? Apply for after-sales on the order, choose *Consultation*, write "duplicate charge" and attach both payment receipts. We handle these first.`,
  },
  {
    slug: 'change-address', category: 'logistics', tags: ['change address', 'delivery address', 'wrong address', 'shipping address'],
    title: 'How do I change my delivery address?',
    body: `While the order **has not shipped** (status *Paid*), change the address yourself: **My orders** → open the order → **Change delivery address**, enter the recipient, mobile number, province, city, district and street address, and save. The change applies at once and is recorded on the order.

Once the order **has shipped**, the address can no longer be changed here. Ask the carrier to redirect the parcel (a fee may apply), or refuse it and order again. If the parcel cannot be delivered because of the address, apply for after-sales and choose *Logistics exception*.`,
  },
  {
    slug: 'parcel-delayed', category: 'logistics', tags: ['parcel delayed', 'tracking not updated', 'late delivery', 'stuck in transit'],
    title: "My parcel hasn't moved and the tracking hasn't updated for days",
    body: `Tracking can pause during sales peaks and holidays, bad weather, or while a parcel waits at a sorting centre.

1. Check the time and place of the last tracking event on the order.
2. If nothing has changed for **48 hours**, or the expected delivery date has passed, apply for after-sales and choose *Logistics exception*.
3. We follow up with the carrier within 2 hours and arrange redelivery; a parcel confirmed lost is reshipped or refunded in full.`,
  },
  {
    slug: 'parcel-lost-or-damaged', category: 'logistics', tags: ['lost parcel', 'damaged parcel', 'not received', 'broken in transit'],
    title: 'My parcel was lost or arrived damaged',
    body: `**Marked delivered but not received**: check with family, reception and nearby parcel lockers first. Still missing? Within 7 days apply for after-sales, choose *Logistics exception* and tell us the parcel never arrived.

**Damaged in transit**: keep the box, packing and item, photograph the outer box, the shipping label and the damage, and apply within **7 days of delivery** with the reason *Logistics*.

When the carrier confirms the loss or damage, we reship or refund in full; you bear no cost.`,
  },
  {
    slug: 'warranty-repair', category: 'product_quality', tags: ['warranty', 'repair', 'faulty', 'broken', 'three guarantees'],
    title: 'Warranty and repairs: what the "three guarantees" (三包) cover',
    body: `For goods under China's "three guarantees" rules (phones, computers, appliances…), when a performance fault appears:
- within **7 days**: return, exchange or repair;
- within **15 days**: exchange or repair;
- within the **warranty period** (usually 1 year, see the product page): free repair. If the same fault remains after **2 repairs**, you can have an exchange or a refund.

Apply for after-sales, choose *Repair* and attach photos or a video of the fault; the warranty is checked automatically. Damage caused by misuse, liquid or unauthorised repair is not covered; a paid repair is quoted first.`,
  },
  {
    slug: 'exchange-process', category: 'return_process', tags: ['exchange', 'wrong size', 'swap colour', 'replacement'],
    title: 'How do I exchange an item for another size or colour?',
    body: `Apply for after-sales on the item and choose *Exchange*, saying which size or colour you want.

- **Quality problem**: exchange within 15 days of delivery; the merchant pays shipping both ways.
- **Wrong size or colour** (no fault): exchanges depend on the merchant's policy shown on the order page; otherwise return the item within 7 days and order again.

Steps: approval → send the original back → the merchant inspects it → the replacement ships and its tracking number appears on your case.`,
  },
  {
    slug: 'complaint-process', category: 'service_attitude', tags: ['complaint', 'escalate', 'bad service', 'response time'],
    title: 'How do I make a complaint, and how fast will you respond?',
    body: `Apply for after-sales on the order and choose *Complaint*. Say what went wrong and what you would like (refund, exchange, compensation or an apology), and attach screenshots or photos.

- We acknowledge every complaint **within 1 hour** and tell you who handles it and what happens next.
- Logistics complaints are followed up within 2 hours, quality complaints within 4 hours.
- You get a proposed solution **within 24 hours**; complex cases get an update every 3 working days.

You can reject a proposal on the case and say why: we re-investigate within 1 hour and a supervisor steps in if needed.`,
  },
  {
    slug: 'privacy-protection', category: 'privacy', tags: ['personal information', 'privacy', 'scam call', 'data leak', 'fake customer service'],
    title: 'Protecting your personal information and avoiding refund scams',
    body: `Your phone number and address are masked on labels and in merchant tools; ID and bank card numbers are encrypted, and staff access is authorised and logged.

Our customer service will **never**:
- ask you to add a friend or install meeting software to get a refund or a lost-parcel payout;
- ask for card passwords or SMS verification codes, or ask you to transfer money or take a loan.

Refunds and claims only happen through the case under **My cases**. If you think your data leaked or you receive scam calls, file a *Complaint* and we will check who accessed your data.`,
  },
  {
    slug: 'invoice', category: 'payment', tags: ['invoice', 'fapiao', 'VAT invoice', 'receipt'],
    title: 'How do I get an invoice (fapiao)?',
    body: `Most goods come with an **electronic invoice**, available under *Invoice* on the order once you confirm receipt; it is as valid as a paper one.

- Forgot to ask when ordering? Request it within 180 days after the order completes.
- **Special VAT invoice**: enter the company name, tax number, bank and account; the merchant reviews and issues it.
- Wrong title or tax number: ask for a reissue (usually once per order).

A refunded order's invoice is cancelled with a red-letter invoice.`,
  },
];
