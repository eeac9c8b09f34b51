// Questions about the page that several features ask the same way.

/**
 * Whether a dialog is showing. antd keeps closed dialogs in the page, hidden; and with animations
 * off (reduced motion) a dialog's frame stays displayed for a moment after its content is gone, so
 * what counts is the dialog itself being visible.
 */
export function dialogOpen(): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>('.ant-modal-wrap')).some(
    (wrap) => getComputedStyle(wrap).display !== 'none' && Array.from(wrap.querySelectorAll<HTMLElement>('.ant-modal')).some(shown),
  );
}

function shown(el: HTMLElement): boolean {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}
