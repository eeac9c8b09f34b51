// English UI text. zh-CN.ts must have the same keys (checked by the Shape type).
import { vocabEnUS } from './en-US.vocab.ts';
import { dashboardEnUS } from './dashboard.en-US.ts';
import { liveEnUS } from './live.en-US.ts';
import { workspaceEnUS } from './workspace.en-US.ts';
import { policyEnUS } from './policy.en-US.ts';
import { kbEnUS } from './kb.en-US.ts';
import { caseworkEnUS } from './casework.en-US.ts';
import { accountEnUS } from './account.en-US.ts';
import { adminEnUS } from './admin.en-US.ts';
import { usersEnUS } from './users.en-US.ts';
import { auditEnUS } from './audit.en-US.ts';
import { retentionEnUS } from './retention.en-US.ts';

export const uiEnUS = {
  app: { name: 'Afterdesk', tagline: 'After-sales service desk' },
  common: {
    loading: 'Loading…', retry: 'Retry', submit: 'Submit', cancel: 'Cancel', confirm: 'Confirm', search: 'Search',
    resetFilters: 'Clear filters', yes: 'Yes', no: 'No', back: 'Back', previous: 'Previous', next: 'Next',
    page: 'Page {{page}}', total: '{{count}} in total', download: 'Download', all: 'All', remove: 'Remove',
  },
  nav: { cases: 'Cases', myCases: 'My after-sales', orders: 'Orders', myOrders: 'My orders', signOut: 'Sign out', language: 'Language', escalations: 'Escalations' },
  signIn: {
    title: 'Sign in', subtitle: 'After-sales service and complaint handling', email: 'Email', password: 'Password', submit: 'Sign in',
    emailRequired: 'Enter your email', emailInvalid: 'This is not an email address', passwordRequired: 'Enter your password',
    expired: 'Your sign-in has ended. Please sign in again.',
  },
  errors: {
    network: 'Cannot reach the server. Check your connection and try again.', http: 'The server answered with status {{status}}.',
    reference: 'Reference: {{id}}', crashTitle: 'Something went wrong on this page',
    crashText: 'The page could not be shown. Reload to try again.', reload: 'Reload',
    notFoundTitle: 'Page not found', notFoundText: 'There is nothing at this address.', home: 'Go to start',
    forbiddenTitle: 'Not for your role', forbiddenText: 'This page is for supervisors and admins.',
  },
  stage: { review: 'Review', return_shipment: 'Return shipment', inspection: 'Inspection', refund_or_replacement: 'Refund / replacement', resolution: 'Resolution', done: 'Done' },
  cases: {
    title: 'Cases', myTitle: 'My after-sales requests', state: 'State', kind: 'Kind', severity: 'Severity',
    search: 'Case no., title or description', empty: 'No cases yet', emptyFiltered: 'No case matches these filters',
    caseNo: 'Case no.', caseTitle: 'Title', createdAt: 'Created', untitled: '(no title)', yourMove: 'Your move',
    sla: 'SLA', slaState: 'SLA', channel: 'Channel', queue: 'Queue', slaNone: 'No open clock',
  },
  sla: {
    title: 'SLA deadlines', myTitle: 'Your deadlines', due: 'Due {{time}}', left: '{{time}} left', overdue: 'Overdue {{time}}',
    overdueShort: 'Overdue', paused: 'Paused', pausedLeft: 'Paused · {{time}} left', met: 'Done', metLate: 'Done · late',
    cancelled: 'Cancelled', warningHint: 'Past its warning point', workingTime: 'Counted in working time',
    ifMissed: 'If missed: {{outcome}}', metAt: 'done {{time}}', breachedAt: 'overdue since {{time}}', lateFired: 'noticed late', metricDue: '{{label}} (due {{time}})',
    missed: '{{label}}: the deadline ({{due}}) has passed',
    ask: {
      customer_ship_return: 'Please ship the goods back before {{due}}', customer_evidence: 'Please provide the evidence before {{due}}',
      merchant_review: 'Please review the request before {{due}}', merchant_confirm_receipt: 'Please confirm receipt of the return before {{due}}',
      merchant_inspection: 'Please inspect the returned goods before {{due}}', plan_answer: 'Please answer the plan before {{due}}',
      customer_confirmation: 'Please confirm the result, or reply with your question, before {{due}}',
      result_notice: 'Please tell the customer the result before {{due}}',
      other: 'Please complete "{{label}}" before {{due}}',
    },
    consequence: {
      close_unshipped_return: 'If the goods are not shipped back in time, the return is called off.',
      close_unconfirmed: 'Without an answer in time, the result is taken as accepted and the case closes.',
      decide_without_evidence: 'Without the evidence, the request is decided on what we have.',
      approve_request: 'If it is not reviewed in time, the request is approved automatically.',
      confirm_receipt_and_refund: 'If receipt is not confirmed in time, it is confirmed and the refund paid automatically.',
      pass_inspection_and_refund: 'If the goods are not inspected in time, they are taken as passed and the refund paid automatically.',
      confirm_receipt_and_refund_replacement: 'If receipt is not confirmed in time, it is confirmed and the goods taken as passed automatically; the replacement is then due from you.',
      confirm_receipt_and_refund_plan: 'If receipt is not confirmed in time, it is confirmed and the goods taken as passed automatically, and the plan carried out.',
      pass_inspection_and_refund_replacement: 'If the goods are not inspected in time, they are taken as passed automatically; the replacement is then due from you.',
      pass_inspection_and_refund_plan: 'If the goods are not inspected in time, they are taken as passed automatically, and the plan carried out.',
      expire_plan: 'Without an answer in time the plan expires, and customer service takes the case up again.',
      notify_result: 'If the result is not told in time, the customer is told it automatically as carried out.',
    },
  },
  notifications: {
    title: 'Notifications', open: 'Notifications ({{count}} unread)', empty: 'No new notifications', caseLink: 'Case {{caseNo}}',
  },
  escalations: {
    title: 'Escalations', subtitle: 'Open cases with a breached SLA clock, an L1/L2 severity, or in the specialists or supervisors queue.',
    caseNo: 'Case no.', caseTitle: 'Title', severity: 'Severity', queue: 'Queue', state: 'State', breaches: 'Breached clocks',
    latestBreach: 'Breached at', noBreach: 'Escalated by severity or queue', empty: 'No case needs escalation.', pausedClock: ' (paused)',
  },
  compliance: {
    title: 'SLA compliance', subtitle: 'Cases filed in the last 30 days, by channel: share of clocks met per metric. Below {{threshold}} is a missed target.',
    group: 'Channel', cases: 'Cases', firstResponse: 'First response (min)', median: 'Median', p90: 'P90', breaches: 'Breaches',
    missed: 'Missed targets: ', none: 'None', empty: 'No cases were filed in this period.', shareTitle: '{{met}} of {{total}} met',
  },
  case: {
    notFound: 'This case does not exist or you may not see it.', description: 'Description', desiredResolution: 'Desired resolution',
    reason: 'Reason', channel: 'Channel', createdAt: 'Created', updatedAt: 'Updated', responsibility: 'Responsibility', progress: 'Progress',
    items: 'Items', noItems: 'This case is not about a particular item.', order: 'Order {{orderNo}} · placed {{placedAt}} · total {{total}}', viewOrder: 'View order', itemName: 'Item', category: 'Category', quantity: 'Qty', paid: 'Paid', ofOrderLine: 'order line: {{quantity}} for {{total}}',
    eligibility: 'Policy check', eligible: 'Eligible', notEligible: 'Not eligible', deadline: 'Deadline',
    returnShipping: 'Return shipping paid by', refundWithin: 'Refund within {{days}} {{unit}} after the return arrives',
    reopened: 'Reopened ({{n}})', otherPayments: 'Other payments (compensation, shipping)',
    replaceWithin: 'Replacement sent within {{days}} {{unit}} after the return arrives',
    refundOrReplaceWithin: 'Refund or replacement within {{days}} {{unit}} after the return arrives',
    timeline: 'Timeline', noEvents: 'Nothing has happened yet.',
    messages: 'Messages', noMessages: 'No messages yet.', internal: 'Internal',
    numbersMasked: 'ID, card and phone numbers masked', revealText: 'Reveal the text as the customer wrote it',
    composerPlaceholder: 'Write a message to the case…', send: 'Send', internalToggle: 'Internal note (staff only)',
    sent: 'Message sent', messageRequired: 'Write a message first',
    offers: 'Negotiation', noOffers: 'No plan has been proposed yet.', revision: 'Plan #{{n}}', proposer: 'Proposed by',
    basis: 'Basis', goodwillReason: 'Goodwill reason', expiresAt: 'Answer by', answerReason: 'Answer', terms: 'Terms', noTerms: 'No money or goods terms',
    fraudFound: 'Fraud found (triple compensation)',
    steps: 'Steps', step: '{{task}}: by the {{owner}}, within {{hours}} h of acceptance; verified by {{verification}}',
    returnAddress: 'Return address', returnRecipient: 'Recipient', returnPhone: 'Phone', returnAddressLine: 'Address',
    returnAddressHint: 'Send the goods to this address, then enter the return tracking number.',
    returnAddressMissing: 'The shop has not given a return address yet: ask customer service for it before sending anything.',
    tasks: 'Tasks', taskType: 'Task', status: 'Status', direction: 'Type', noTasks: 'No tasks.', owner: 'Owner', due: 'Due', verification: 'How it is verified', proof: 'Proof',
    refunds: 'Refunds', noRefunds: 'No refunds yet.', amount: 'Amount', providerRef: 'Transaction ref.',
    ledger: 'Who bears what', noLedger: 'No costs recorded yet.', borneBy: 'Borne by', paidTo: 'Paid to', entryType: 'Entry',
    shipments: 'Shipments', noShipments: 'No shipments.', carrier: 'Carrier', trackingNo: 'Tracking no.', shippedAt: 'Shipped', deliveredAt: 'Delivered',
    parcelOfCase: 'After-sales', when: 'When', interventionMissed: 'The merchant missed its deadline; the platform stepped in.', noTrace: 'No carrier updates yet.',
    estimatedDelivery: 'Expected', late: 'Late', promisedBy: 'promised by {{time}}',
    attachments: 'Evidence & attachments', noAttachments: 'No files yet.',
    actions: 'Actions', noActions: 'There is nothing for you to do on this case right now.', actionDone: 'Done: {{label}}', visitRating: 'rated {{rating}} of 5',
    confirmAction: 'Do you want to {{label}}?', links: 'Linked cases', mergedInto: 'This case was merged into another case.',
  },
  terms: {
    refundFen: 'Refund', couponFen: 'Coupon', cashFen: 'Cash compensation', pointsAwarded: 'Points', extendedWarrantyMonths: 'Extended warranty (months)',
    fraudCompensationFen: 'Triple compensation', returnRequired: 'Return the goods', keepItem: 'Customer keeps the item', replacement: 'Replacement',
    repair: 'Repair', reshipParts: 'Reship parts', apology: 'Written apology',
  },
  fields: {
    message: 'Message', note: 'Note', question: 'What do you need from the customer?', reason: 'Reason', channel: 'Channel',
    rating: 'Rating', comment: 'Comment', outcome: 'Outcome of the call', targetCaseNo: 'Merge into case no.', refundFen: 'Refund amount (¥, empty = as requested)',
    planType: 'Plan', responsibility: 'Responsibility', fraudFound: 'Fraud found (triple compensation applies)', basis: 'Basis (shown to the customer)',
    goodwillReason: 'Goodwill reason (when above policy)', expiresInHours: 'Customer must answer within (hours)', carrier: 'Carrier',
    trackingNo: 'Tracking no.', shippingFeeFen: 'Shipping fee paid (¥)', passed: 'Inspection result', passedYes: 'Passed', passedNo: 'Failed',
    photoAttachmentIds: 'Inspection photos', taskId: 'Task', proof_carrier: 'Carrier', proof_trackingNo: 'Tracking no.',
    proof_reference: 'Reference (e.g. transaction no.)', proof_note: 'Note', required: 'Required', tooLong: 'At most {{max}} characters',
    trackingFormat: '6–40 letters, digits or dashes', noPhotos: 'Upload photos in "Evidence & attachments" first',
    noOpenTasks: 'No open task', caseNo: 'Case no. to link', linkType: 'Link type',
    steps: 'Steps (optional)', stepTask: 'Step', stepOwner: 'Owner', stepDueInHours: 'Within (hours)', stepVerification: 'How it is verified', addStep: 'Add a step',
  },
  upload: {
    title: 'Upload a file', purpose: 'Purpose', choose: 'Choose file', submit: 'Upload', done: 'Uploaded {{name}}', noFile: 'Choose a file first',
    hint: 'Photos, videos or PDF. The server checks the size and the type.',
  },
  orders: {
    title: 'Orders', myTitle: 'My orders', searchPlaceholder: 'Order no. or product', goods: 'Goods', goodsMore: '{{first}} and {{more}} more', orderNo: 'Order no.', status: 'Status', placedAt: 'Placed', total: 'Total', empty: 'No orders yet.',
    notFound: 'This order does not exist or is not yours.', items: 'Items', shipments: 'Shipments', apply: 'Apply for after-sales',
    shippingInsurance: 'Return-shipping insurance', unitPrice: 'Unit price', warranty: 'Warranty', warrantyMonths: '{{n}} months',
    casesForOrder: 'After-sales for this order', noCases: 'No after-sales requests for this order.', shipping: 'Shipping fee',
    payments: 'Payments', paymentMethod: 'Method', paymentAmount: 'Amount', paidAt: 'Paid at', paymentReference: 'Payment reference', noPayments: 'No payments recorded for this order.',
  },
  apply: {
    title: 'Apply for after-sales', item: 'Item', kind: 'What do you need?', reason: 'Why?', quantity: 'Quantity', channel: 'How the customer reached us (recorded for them)',
    description: 'Describe the problem', descriptionPlaceholder: 'What happened? What would you like us to do?',
    descriptionRequired: 'Describe the problem', desired: 'Desired resolution', condition: 'Condition of the goods',
    opened: 'Opened', trialUse: 'Tried / used', damagedByCustomer: 'Damaged by me', accessoriesComplete: 'Accessories complete',
    packagingComplete: 'Packaging complete', preview: 'Policy answer', checking: 'Checking the policy…',
    eligible: 'This request meets the after-sales policy', notEligible: 'This request does not meet the after-sales policy',
    deadline: 'Apply before', returnShippingBy: 'Return shipping paid by', returnShippingWhy: ' ({{why}})', noReturn: 'You keep the goods: no return needed',
    advised: 'Suggested instead: {{kind}}', useAdvised: 'Switch to {{kind}}', submit: 'Submit request',
    blocked: 'This request cannot be submitted as it is. Change the choices above or contact customer service.',
    created: 'Request {{caseNo}} submitted', duplicate: 'You already have an open request for this item ({{caseNo}}); your description was added to it.',
    itemNotFound: 'This item is not on the order.',
  },
};

export const enUS = { ...uiEnUS, ...vocabEnUS, ...kbEnUS, ...dashboardEnUS, ...liveEnUS, ...workspaceEnUS, ...policyEnUS, ...caseworkEnUS, ...accountEnUS, ...adminEnUS, ...usersEnUS, ...auditEnUS, ...retentionEnUS, event: { ...vocabEnUS.event, ...retentionEnUS.retentionEvents } };
export type Messages = typeof enUS;
