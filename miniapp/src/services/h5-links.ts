/**
 * Taro's H5 tab bar draws its items as `<a href="javascript:;">` and switches tabs in a click
 * handler. Following such a link runs a javascript: URL, which the page's content security
 * policy refuses (script-src 'self', api/src/common/web-app.ts), filling the console with
 * violations on every tab tap. Cancelling only the link's default action leaves Taro's handler
 * to switch the tab, and keeps the policy strict.
 */
export const cancelJavascriptLinks = (): void => {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (target?.closest?.('a[href^="javascript:"]')) event.preventDefault();
    },
    true,
  );
};
