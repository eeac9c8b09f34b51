// Self-service texts in English: the help centre, answers suggested before filing, and the
// delivery address a customer changes before dispatch.
export const kbEnUS = {
  kb: {
    nav: 'Help', title: 'Help centre', subtitle: 'Answers to common after-sales questions: returns, refunds, delivery, payment and more.',
    searchPlaceholder: 'Ask a question, e.g. who pays return shipping?', allCategories: 'All topics',
    empty: 'No articles yet.', noResults: 'No answer found for “{{q}}”. Try other words, or apply for after-sales from your order.',
    results: '{{count}} answers', readMore: 'Read more', backToList: 'Back to the help centre', updatedAt: 'Updated {{time}}',
    notFound: 'This article does not exist or is no longer published.', signIn: 'Sign in', console: 'Back to the console', consoleShort: 'Console', myOrders: 'My orders',
    category: {
      return_process: 'Returns & exchanges', logistics: 'Delivery', payment: 'Payment & refunds', product_quality: 'Quality & warranty',
      not_as_described: 'Not as described', process_error: 'Missing or wrong items', service_attitude: 'Complaints', privacy: 'Privacy & security', other: 'Other',
    },
    suggest: {
      title: 'These answers may solve it', subtitle: 'Based on your description. Have a look before you submit.',
      loading: 'Looking for answers…', solved: 'This solved my problem', notSolved: 'Not solved, continue applying', open: 'Read the full answer',
      solvedTitle: 'Glad that solved it', solvedText: 'No request was filed. If the problem comes back, you can apply again from the order.',
      backToOrder: 'Back to the order', dismissed: 'Thanks. Continue with your request below.',
    },
  },
  address: {
    title: 'Delivery address', none: 'No address on the order.', change: 'Change delivery address',
    locked: 'The order has shipped: the address can no longer be changed here.', history: 'Address changes',
    recipientName: 'Recipient', phone: 'Mobile number', phoneInvalid: 'A mainland mobile number: 11 digits starting with 13–19',
    province: 'Province', city: 'City', district: 'District', detail: 'Street address', postalCode: 'Postal code', postalCodeInvalid: 'Postal code: 6 digits',
    reason: 'Reason (required when changing it for the customer)', reasonRequired: 'Give the reason', saved: 'Delivery address changed',
    unchanged: 'This is already the delivery address', changedBy: '{{time}} · {{role}}', from: 'From', to: 'To',
  },
};
