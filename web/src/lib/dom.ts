// Questions about the page that several features ask the same way.

/** Whether a dialog is showing (antd keeps closed dialogs in the page, hidden). */
export function dialogOpen(): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>('.ant-modal-wrap')).some((el) => getComputedStyle(el).display !== 'none');
}
