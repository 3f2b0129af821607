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

/** What a live chart page is made of: its own styles and body; the shell, CSP and update script are shared. */
export interface LivePageParts {
  readonly title: string;
  readonly nonce: string;
  readonly cspSource: string;
  /** CSS beyond the shared body and heading rules (colours from the VS Code theme). */
  readonly style: string;
  readonly body: string;
  /** Element ids an update message replaces as HTML (built and escaped in Node, never in the page). */
  readonly htmlRegions: readonly string[];
  /** Element ids an update message replaces as plain text. */
  readonly textRegions?: readonly string[];
}

/**
 * A chart page that follows a run: one nonce'd style and script, no inline style attributes (the CSP forbids
 * them, so `data-left`/`data-width`/`data-share` percentages are applied through the CSSOM after each update),
 * updates arriving as `{ <region id>: html }` messages, and a `ready` message once the page listens.
 */
export function livePageHtml(p: LivePageParts): string {
  const ids = (list: readonly string[] | undefined) => JSON.stringify(list ?? []);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${scriptedPageCsp(p.nonce, p.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
<style nonce="${p.nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground);
         background: var(--vscode-editor-background); padding: 12px 20px; }
  h1 { font-size: 1.25em; font-weight: 600; margin: 0 0 2px; word-break: break-all; }
  .sub { color: var(--vscode-descriptionForeground); margin-bottom: 14px; word-break: break-all; }
  .empty { color: var(--vscode-descriptionForeground); }
${p.style}
</style>
</head>
<body>
${p.body}
<script nonce="${p.nonce}">
  const htmlRegions = ${ids(p.htmlRegions)};
  const textRegions = ${ids(p.textRegions)};
  // Positions and widths go through the CSSOM: the CSP allows no inline style attributes.
  const place = () => {
    for (const el of document.querySelectorAll('[data-left]')) el.style.left = el.dataset.left + '%';
    for (const el of document.querySelectorAll('[data-width]')) el.style.width = el.dataset.width + '%';
    for (const el of document.querySelectorAll('[data-share]')) el.style.width = el.dataset.share + '%';
  };
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    for (const id of htmlRegions) if (typeof m[id] === 'string') document.getElementById(id).innerHTML = m[id];
    for (const id of textRegions) if (typeof m[id] === 'string') document.getElementById(id).textContent = m[id];
    place();
  });
  place();
  acquireVsCodeApi().postMessage({ ready: true });
</script>
</body>
</html>`;
}
