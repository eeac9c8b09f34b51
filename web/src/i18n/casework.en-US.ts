// Casework texts in English: the case's triage with its reasons and the override, the reply
// composer (suggested replies, wording check), routing, incidents and the timeline's words for
// triage and routing events. casework.zh-CN.ts must have the same keys.
export const caseworkEnUS = {
  triage: {
    title: 'Triage', category: 'Category', severity: 'Severity', emotion: 'Emotion', priority: 'Priority', kind: 'Suggested kind',
    confidence: '{{pct}}% sure', none: 'This case has no triage record.', why: 'Why', matched: 'Matched',
    override: 'Override', overrideTitle: 'Override triage', overrideHint: 'Change only what is wrong; the rest stays. The reason goes on the timeline.',
    keep: 'Unchanged (now: {{value}})', reason: 'Reason for the change', reasonRequired: 'Say why you change it',
    nothingChanged: 'Pick at least one new value', done: 'Triage changed',
    escalated: 'Raised to {{to}} on {{time}}', slaEscalated: 'the {{metric}} deadline was missed',
    overridden: 'Changed by staff', overriddenAt: 'Changed by staff on {{time}}: {{reason}}', source: { classifier: 'Automatic', override: 'Changed by staff' },
  },
  triageCategory: {
    product_quality: 'Product quality', not_as_described: 'Not as described', logistics: 'Logistics', payment: 'Payment',
    return_process: 'Return / exchange process', service_attitude: 'Service attitude', process_error: 'Process error',
    privacy: 'Personal information', other: 'Other',
  },
  emotion: { normal: 'Normal', high: 'High emotion' },
  priority: { P1: 'P1 immediate', P2: 'P2 high', P3: 'P3 normal', P4: 'P4 routine' },
  reply: {
    public: 'Reply to customer', internal: 'Internal note', internalHint: 'Only staff see internal notes.',
    placeholder: 'Write a reply…', notePlaceholder: 'Write an internal note…',
    suggestions: 'Suggested replies', suggestionsHint: 'Best fit first, filled in with this case. Click one to put it in the reply.',
    insert: 'Use', noSuggestions: 'No template fits this case.', missing: 'Fill in yourself: {{names}}', language: 'Template language',
    customerLanguage: "Customer's", zhTemplates: 'Chinese', enTemplates: 'English', match: { exact: 'Exact fit', partial: 'Partial fit', generic: 'General' },
    flagsTitle: 'Wording to avoid', flag: '“{{phrase}}” → “{{alternative}}”', replace: 'Replace', replaced: 'Replaced with the compliant wording',
    checking: 'Checking wording…', checkFailed: 'The wording check is unavailable: {{detail}}',
    refusedTitle: 'Wording to avoid: not sent', refusedText: 'The reply still contains: {{phrases}}. Replace it with the compliant wording, then send.', refusedOk: 'Edit the reply',
    inserted: 'Suggested reply inserted',
  },
  routing: {
    queue: 'Queue', assignee: 'Assignee', unassigned: 'Unassigned', assignTitle: 'Assign or move to a queue', takeTitle: 'Take the case',
    takeText: 'The case will be yours; it counts toward your open cases.', queueField: 'Queue', agentField: 'Assignee',
    agentPlaceholder: 'Nobody: leave it in the queue', agentLoad: '{{open}}/{{cap}} open', unavailable: 'unavailable', atCap: 'at cap', senior: 'senior',
    noAgents: 'No agent profile works this queue', note: 'Note (staff only)', done: 'Case assigned', taken: 'The case is yours',
    agentsFailed: 'Agents could not be loaded: {{detail}}',
  },
  incidents: {
    nav: 'Incidents', title: 'Group complaints', subtitle: 'Five or more customers reporting the same problem on one product (or merchant) within a window: one incident, all its cases at L1.',
    status: 'Status', statuses: { open: 'Open', resolved: 'Resolved' }, all: 'All', incidentNo: 'Incident no.', scope: 'Scope',
    scopes: { product: 'Product', merchant: 'Merchant' }, subject: 'Product / merchant', category: 'Problem', customers: 'Customers', cases: 'Cases',
    openedAt: 'Opened', resolvedAt: 'Resolved', empty: 'No group complaint yet.', emptyFiltered: 'No incident in this state.',
    notFound: 'No such incident.', back: 'All incidents', summary: 'Summary', window: '{{threshold}} customers within {{hours}} h',
    detectedBy: 'Detection', merchant: 'Merchant', product: 'Product', casesTitle: 'Cases in this incident', founding: 'Founding',
    joinedAt: 'Joined', resolve: 'Resolve incident', resolveTitle: 'Resolve {{incidentNo}}', resolveNote: 'What was done',
    resolveNoteRequired: 'Describe what was done', resolvedMessage: 'Incident resolved', resolutionNote: 'Resolution',
    banner: 'This case is part of group complaint {{incidentNo}} ({{status}}).', open: 'Open incident',
    forbiddenText: 'The incident list is for supervisors, compliance and admins.',
  },
  linkType: { related: 'Related', duplicate: 'Duplicate', merged: 'Merged into' },
  casework: {
    event: {
      triage_overridden: 'Triage changed by staff', triage_raised: 'Raised by the customer’s message', case_routed: 'Routed',
      case_assigned: 'Assigned', case_unassigned: 'Released', incident_joined: 'Joined a group complaint', platform_intervention: 'Platform intervention', parcel_trouble: 'Parcel trouble',
      collaboration_requested: 'Collaboration requested', collaboration_answered: 'Collaboration answered', collaboration_cancelled: 'Collaboration cancelled',
    },
    detail: {
      change: '{{field}}: {{from}} → {{to}}', rule: 'rule {{rule}}', routedTo: 'to {{queue}}', assignedTo: 'assigned to a person', took: 'taken',
      queueMove: 'queue {{from}} → {{to}}', note: 'note: {{note}}', incident: 'group complaint {{incidentNo}}',
      excessiveGoodwill: 'Excessive compensation: {{goodwill}} of goodwill in all, above the limit of {{limit}} ({{multiple}} × the goods\' {{value}}), approved by a supervisor other than the proposer',
      trigger: {
        intake: 'at intake', severity_changed: 'after a severity change', appeal: 'on appeal', merchant_missed_deadline: 'merchant missed its deadline',
        manual: 'asked by staff', assignee_deactivated: 'the assignee was deactivated', assignee_role_changed: "the assignee's role changed", queue_closed: 'the queue was switched off', sla_escalation: 'a deadline was missed',
      },
    },
    links: { duplicateHint: 'Duplicate requests and merged cases are listed here.' },
  },
};
