// Audit trail and personal-data texts in English: the audit page and the customer card with its reveal.
export const auditEnUS = {
  audit: {
    nav: 'Audit', title: 'Audit trail',
    subtitle: 'Sign-ins, refused requests, case state changes and reveals of personal data. Rows cannot be changed or deleted; each is sealed onto a hash chain.',
    forbiddenText: 'This page is for compliance and administrators only.',
    from: 'From', to: 'To', actorUserId: 'User id', actorRole: 'Role', action: 'Action starts with', actionPlaceholder: 'e.g. pii. or auth.sign_in',
    subjectType: 'Subject type', subjectId: 'Subject id', outcome: 'Outcome', search: 'Search',
    actionColumn: 'Action', at: 'Time', actor: 'Who', subject: 'Subject', ip: 'Address', seal: 'Chain', detail: 'Detail', requestId: 'Request id', position: 'Seal #{{n}}',
    anonymous: 'anonymous', empty: 'No audit records.', emptyFiltered: 'No audit records match the filters.',
    export: 'Export', exportCsv: 'CSV', exportJsonl: 'JSON Lines', exportFailed: 'Export failed: {{detail}}', first: 'Newest',
    outcomes: { ok: 'ok', denied: 'denied', failed: 'failed' },
    seals: { verified: 'verified', pending: 'not sealed yet', broken: 'tampered' },
    sealHelp: {
      verified: 'Its seal matches the row and links to the seal before it.',
      pending: 'Sealed onto the chain within a few seconds.',
      broken: 'The row or its seal was changed after sealing. Run verify-audit.',
    },
  },
  customerCard: {
    title: 'Customer', history: 'History', historySummary: '{{orders}} orders · {{cases}} cases in the last 90 days', name: 'Name', tier: 'Tier', phone: 'Mobile', email: 'Email', address: 'Address', idNumber: 'ID number',
    bankCard: 'Refund card', masked: 'masked', reveal: 'Reveal', revealTitle: 'Reveal {{field}}',
    revealIntro: 'The full value is shown to you once and the reveal is recorded in the audit trail with your reason.',
    reason: 'Reason', reasonPlaceholder: 'What is it needed for, e.g. checking the refund account?', reasonRequired: 'Give a reason',
    revealed: 'Shown in full · recorded in the audit trail', hide: 'Hide', none: '—', notFound: 'Customer details are not available.',
    tiers: { regular: 'Regular', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' },
  },
};
