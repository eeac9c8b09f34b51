// Retention, legal hold and the single external voice (CL-6, RISK-5), in English.
export const retentionEnUS = {
  retention: {
    media: 'Media / regulator involved',
    mediaHelp: 'Only PR and compliance reply to the customer on this case; others may add internal notes.',
    legalHold: 'Legal hold',
    legalHoldHelp: 'Never deleted while held. Reason: {{reason}}',
    keepUntil: 'Kept until {{date}}',
    purged: 'Retention ended: personal data deleted',
    placeHold: 'Place a legal hold',
    releaseHold: 'Release the legal hold',
    holdReason: 'Reason (on the timeline and the audit trail)',
    holdReasonRequired: 'Give the reason',
  },
  retentionEvents: {
    media_flagged: 'Flagged: media / regulator involved',
    media_unflagged: 'Media / regulator flag lifted',
    legal_hold_placed: 'Legal hold placed',
    legal_hold_released: 'Legal hold released',
    case_purged: 'Personal data deleted (retention ended)',
  },
};
