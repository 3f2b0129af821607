// What every webview page shares: text escaped for HTML and SVG, and the locked-down policy of a page whose one
// script and one style block carry a nonce (no remote resources, no images, no connections, no forms).
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The Content-Security-Policy of a page with one nonce'd script and style; `cspSource` is the webview's own. */
export function scriptedPageCsp(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'none'",
    "connect-src 'none'",
    "font-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}
