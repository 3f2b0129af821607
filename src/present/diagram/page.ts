// The diagram as a webview page: the lab's VPCs drawn open, the others each behind a <details> the student opens,
// and a small script that posts the reference of a clicked (or Enter-pressed) node and swaps in a new body when the
// extension posts one (keeping what was open and focused). Pure: the HTML is built here from the model and words
// the caller translated; diagramPanel.ts puts it in a webview. Locked down: a CSP with a nonce, no remote resources.
import type { Inventory } from '../../aws/types';
import type { ExplorerState } from '../explorer/state';
import { timeText } from '../explorer/text';
import { problemMessage } from '../problemMessages';
import type { Translate } from '../translate';
import { diagramModel, type DiagramModel } from './model';
import { escapeHtml as esc, scriptedPageCsp } from '../html';
import { DIAGRAM_CSS } from './style';
import { diagramSvg } from './svg';

/** The picture of one inventory: the lab's VPCs, then the others collapsed. */
export function modelBody(model: DiagramModel, t: Translate): string {
  if (model.vpcs.length === 0) return `<p class="empty">${esc(t('No VPC in this region.'))}</p>`;
  const lab = model.vpcs.filter((v) => v.lab);
  const others = model.vpcs.filter((v) => !v.lab);
  const parts = lab.length > 0 ? [`<section id="lab">${diagramSvg(model, t, lab)}</section>`] : [];
  if (others.length > 0) {
    parts.push(`<h2>${esc(lab.length > 0 ? t('Other VPCs') : t('VPCs'))}</h2>`);
    for (const v of others) {
      const summary = [
        v.name ?? v.id,
        v.cidr,
        v.isDefault ? t('default VPC') : undefined,
        t('{0} instances', v.instanceCount),
      ].filter(Boolean);
      parts.push(
        `<details data-vpc="${esc(v.id)}"><summary>${esc(summary.join(' · '))}</summary>${diagramSvg(model, t, [v])}</details>`,
      );
    }
  }
  return parts.join('\n');
}

/** What the page shows for an explorer state: the picture, or why there is none yet. */
export function diagramBody(state: ExplorerState, t: Translate): { body: string; stamp: string } {
  const picture = (inv: Inventory) => modelBody(diagramModel(inv), t);
  const stamp = (inv: Inventory) =>
    t('Drawn from the account as read at {0}', timeText(inv.fetchedAt) ?? inv.fetchedAt);
  switch (state.status) {
    case 'loaded':
      return { body: picture(state.inventory), stamp: stamp(state.inventory) };
    case 'failed': {
      const note = `<p class="problem">${esc(problemMessage(state.problem, t).message)}</p>`;
      return state.previous
        ? { body: note + picture(state.previous), stamp: stamp(state.previous) }
        : { body: note, stamp: '' };
    }
    default:
      return { body: `<p class="empty">${esc(t('Reading the account…'))}</p>`, stamp: '' };
  }
}

export interface DiagramPageWords {
  readonly title: string;
  readonly hint: string;
}

export function diagramWords(t: Translate): DiagramPageWords {
  return {
    title: t('Lab diagram'),
    hint: t('Click a box (or focus it and press Enter) to find it in the explorer.'),
  };
}

/** The whole page; later bodies arrive as `{ body, stamp }` messages built (and escaped) here. */
export function diagramPageHtml(
  first: { body: string; stamp: string },
  words: DiagramPageWords,
  nonce: string,
  cspSource: string,
  lang = 'en',
): string {
  const csp = scriptedPageCsp(nonce, cspSource);
  return `<!DOCTYPE html>
<html lang="${esc(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(words.title)}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground);
         background: var(--vscode-editor-background); padding: 8px 16px 24px; }
  h1 { font-size: 1.25em; font-weight: 600; margin: 4px 0 2px; }
  h2 { font-size: 1.05em; font-weight: 600; margin: 18px 0 6px; }
  .sub { color: var(--vscode-descriptionForeground); margin-bottom: 10px; }
  .empty, .problem { color: var(--vscode-descriptionForeground); }
  .problem { color: var(--vscode-errorForeground); }
  details { margin: 4px 0; }
  summary { cursor: pointer; padding: 2px 0; }
  summary:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  /* The picture shrinks to the editor's width (its viewBox keeps the proportions) down to 60 % (the script sets
     that floor), then scrolls; it never grows past its size. */
  #diagram { overflow-x: auto; }
  svg.diagram { display: block; margin: 6px 0; max-width: 100%; height: auto; }
${DIAGRAM_CSS}
</style>
</head>
<body>
<h1>${esc(words.title)}</h1>
<div class="sub"><span id="stamp">${esc(first.stamp)}</span> · ${esc(words.hint)}</div>
<div id="diagram">${first.body}</div>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('diagram');
  // Through the CSSOM: the CSP allows no inline style attributes.
  const floor = () => {
    for (const svg of root.querySelectorAll('svg.diagram')) svg.style.minWidth = Math.round(svg.width.baseVal.value * 0.6) + 'px';
  };
  floor();
  const refOf = (target) => {
    const el = target && target.closest ? target.closest('[data-ref]') : null;
    if (!el) return undefined;
    try { return JSON.parse(el.getAttribute('data-ref')); } catch { return undefined; }
  };
  root.addEventListener('click', (event) => {
    const ref = refOf(event.target);
    if (ref) vscode.postMessage({ reveal: ref });
  });
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const ref = refOf(event.target);
    if (!ref) return;
    event.preventDefault();
    vscode.postMessage({ reveal: ref });
  });
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.body !== 'string') return;
    const open = new Set([...root.querySelectorAll('details[open]')].map((d) => d.dataset.vpc));
    const active = document.activeElement;
    const focused = active && active.getAttribute ? active.getAttribute('data-ref') : null;
    root.innerHTML = m.body;
    floor();
    for (const d of root.querySelectorAll('details')) if (open.has(d.dataset.vpc)) d.open = true;
    if (focused) {
      for (const el of root.querySelectorAll('[data-ref]')) {
        if (el.getAttribute('data-ref') === focused) { el.focus(); break; }
      }
    }
    if (typeof m.stamp === 'string') document.getElementById('stamp').textContent = m.stamp;
  });
  vscode.postMessage({ ready: true });
</script>
</body>
</html>`;
}
