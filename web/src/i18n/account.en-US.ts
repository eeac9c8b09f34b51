// "My account" texts in English: sign-ins, sign-out everywhere and integration tokens.
export const accountEnUS = {
  account: {
    title: 'My account', subtitle: 'Where you are signed in, and the tokens other systems use to act as you.',
    signIns: {
      title: 'Where you are signed in', subtitle: 'Browsers and scripts signed in as you. End any you do not recognise.',
      device: 'Device', address: 'Address', since: 'Signed in', lastSeen: 'Last active', ends: 'Ends at latest',
      browser: 'Browser', script: 'Sign-in token (script)', current: 'This browser', unknownDevice: 'Unknown device',
      end: 'Sign out', endConfirm: 'Sign this one out?', ended: 'Signed out there', empty: 'No other sign-ins.',
    },
    everywhere: {
      button: 'Sign out everywhere', title: 'Sign out everywhere?',
      text: 'Every browser and script signed in as you is signed out, this one too.',
      includeTokens: 'Also revoke my integration tokens', confirm: 'Sign out everywhere',
    },
    tokens: {
      title: 'Integration tokens', subtitle: 'For other systems (the shop system, scripts). A token acts as you, only within its scopes.',
      name: 'Name', scopes: 'Scopes', created: 'Created', lastUsed: 'Last used', expires: 'Expires', never: 'Never', notUsed: 'Not used yet',
      expired: 'Expired', revoke: 'Revoke', revokeConfirm: 'Revoke this token? Systems using it stop working at once.', revoked: 'Token revoked',
      empty: 'No tokens yet.', create: 'New token', createTitle: 'New integration token', namePlaceholder: 'e.g. Shop order feed',
      nameRequired: 'Give the token a name', scopesRequired: 'Choose at least one scope', expiry: 'Expires after',
      days: '{{count}} days', noExpiry: 'Never (not recommended)', shownOnce: 'Copy the token now: it is shown only this once.',
      done: 'Done', usage: 'Send it as the header Authorization: Bearer <token>.',
    },
    scope: {
      cases_read: 'Read cases, SLA, help articles', cases_write: 'Work on cases (file, act, message)', orders_read: 'Read orders',
      orders_write: 'Write shop data (customers, products, orders, shipments)', admin: 'Change configuration; manage sign-ins and tokens',
    },
  },
};
