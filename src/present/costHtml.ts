// The cost breakdown as a page: per resource (name, kind, facts, per hour, so far, per month, flags), totals, the
// IPv4 line, the price source, and "Clean up now". Pure: built from the rows and words the caller translated.
// Locked down: no scripts at all (the buttons are command links the panel allows by name), a CSP with a nonce
// for the one style block, no remote resources, colours from the VS Code theme.
import { escapeHtml as esc } from './html';
import type { Translate } from './translate';
import {
  breakdownRows,
  currencyUnit,
  formatNumber,
  headlineText,
  ipv4Text,
  priceSourceText,
  totalsByKind,
  type CostView,
  type Money,
} from './costModel';

export interface CostPageLinks {
  readonly cleanUp: string;
  readonly refresh: string;
}

export function costPageHtml(
  view: CostView,
  money: Money,
  t: Translate,
  nowMs: number,
  links: CostPageLinks,
  nonce: string,
  cspSource: string,
  lang = 'en',
): string {
  const e = view.estimate;
  const unit = currencyUnit(money, t);
  const rows = breakdownRows(view, money, t, nowMs);
  const kinds = totalsByKind(e, t, nowMs);
  const sum = (f: (k: (typeof kinds)[number]) => number) => kinds.reduce((n, k) => n + f(k), 0);
  // Resource: name, then kind and id; details: the facts, then the flags. Narrow enough for a half-width editor.
  const body = rows
    .map(
      (r) => `<tr class="${r.labCreated ? 'lab' : 'other'}">
  <td><span class="name">${esc(r.name)}</span><br><span class="id">${esc(r.kind)}${r.name !== r.id ? ` · ${esc(r.id)}` : ''}</span></td>
  <td>${esc(r.detail)}${r.notes.length > 0 ? `<br>${r.notes.map((n) => `<span class="flag">${esc(n)}</span>`).join(' ')}` : ''}</td>
  <td class="num">${esc(r.hourly)}</td>
  <td class="num">${esc(r.accrued)}</td>
  <td class="num">${esc(r.monthly)}</td>
</tr>`,
    )
    .join('\n');
  const title = view.practice
    ? t('Practice account: what it would cost on AWS')
    : t('What your AWS account is costing');
  return `<!DOCTYPE html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${esc(nonce)}'; img-src ${esc(cspSource)};">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('What the lab costs'))}</title>
<style nonce="${esc(nonce)}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 20px 20px; }
  h1 { font-size: 1.3em; font-weight: 600; margin: 16px 0 4px; }
  .headline { font-size: 1.15em; margin: 4px 0 12px; }
  .practice { color: var(--vscode-descriptionForeground); }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); vertical-align: top; }
  th { color: var(--vscode-descriptionForeground); font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tfoot td { font-weight: 600; border-bottom: none; }
  .id { color: var(--vscode-descriptionForeground); font-size: 0.9em; overflow-wrap: anywhere; }
  tr.other .name { font-style: italic; }
  .flag { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 0.85em; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); margin: 1px 0; }
  .note { color: var(--vscode-descriptionForeground); margin: 4px 0; }
  .actions { margin: 16px 0; }
  a.button { display: inline-block; padding: 4px 12px; margin-right: 8px; text-decoration: none; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border-radius: 2px; }
  a.button:hover { background: var(--vscode-button-hoverBackground); }
  a.button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
</style>
</head>
<body>
<h1>${esc(title)} <span class="practice">(${esc(view.region)})</span></h1>
<p class="headline" id="headline">${esc(headlineText(view, money, t, nowMs))}</p>
${rows.length === 0 ? `<p id="nothing">${esc(t('Nothing billable is running.'))}</p>` : ''}
<table id="breakdown">
<thead><tr><th>${esc(t('Resource'))}</th><th>${esc(t('Details'))}</th><th class="num">${esc(t('{0} per hour', unit))}</th><th class="num">${esc(t('{0} so far', unit))}</th><th class="num">${esc(t('{0} per month', unit))}</th></tr></thead>
<tbody>
${body}
</tbody>
<tfoot><tr id="total"><td>${esc(t('Total'))}</td><td></td><td class="num">${esc(formatNumber(e.hourlyUsd, money, 'rate'))}</td><td class="num">${esc(
    formatNumber(
      sum((k) => k.accruedUsd),
      money,
      'amount',
    ),
  )}</td><td class="num">${esc(formatNumber(e.monthlyUsd, money, 'amount'))}</td></tr></tfoot>
</table>
${e.ipv4.addresses > 0 ? `<p class="note" id="ipv4">${esc(ipv4Text(e, money, t))}</p>` : ''}
${e.unpricedItems > 0 ? `<p class="note">${esc(t('{0} resources have no price and are not counted.', e.unpricedItems))}</p>` : ''}
<p class="note" id="prices">${esc(priceSourceText(e, t))}${money.currency === 'JPY' ? ` · ${esc(t('1 USD = {0} JPY (your setting)', money.yenPerUsd))}` : ''}</p>
<p class="note">${esc(t('A month is 730 hours, as in the AWS Pricing Calculator. Load balancers are counted with one LCU; snapshots at their full size (AWS bills the changed blocks, usually less).'))}</p>
<div class="actions">
  <a class="button" id="cleanUp" href="command:${esc(links.cleanUp)}">${esc(t('Clean up now'))}</a>
  <a class="button secondary" href="command:${esc(links.refresh)}">${esc(t('Refresh'))}</a>
</div>
</body>
</html>`;
}
