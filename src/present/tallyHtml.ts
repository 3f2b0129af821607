// The load-balancing chart (1.8, 1.10) as a page: one bar per backend and page variant, with counts. Pure:
// the HTML is built from data and words the caller translated; tallyPanel.ts puts it in a webview and posts
// the live tallies. Locked down: a CSP with a nonce, no remote resources, colours from the VS Code theme.
import type { Tally } from '../lab/types';
import { escapeHtml, livePageHtml } from './html';
import type { Translate } from './translate';

/** The words the page shows (translated by the caller: the page itself has no l10n). */
export interface TallyWords {
  readonly title: string;
  readonly subtitle: string;
  readonly requests: string;
  readonly answered: string;
  readonly failed: string;
  readonly waiting: string;
  readonly noAnswer: string;
  readonly variants: Readonly<Record<string, string>>;
  readonly live: string;
  readonly done: string;
}

export interface TallyView {
  readonly tally: Tally;
  /** True while requests are still being sent. */
  readonly live: boolean;
  /** Extra line under the chart (1.10: which instance is stopped). */
  readonly note?: string;
}

/** One bar: a backend (instance name and id) and the page variant it served, or the requests not answered. */
export interface TallyBar {
  readonly key: string;
  readonly label: string;
  readonly detail: string;
  readonly variant: string;
  readonly count: number;
  /** 0..1 of the requests. */
  readonly share: number;
  /** Colour class: one per page variant (the lesson is that both pages come back), red for no answer. */
  readonly tone: 'vision' | 'vision2' | 'other' | 'failed';
}

export function tallyWords(t: Translate, target: string): TallyWords {
  return {
    title: t('Requests to {0}', target),
    subtitle: t('Which server answered, and which page it served'),
    requests: t('Requests'),
    answered: t('Answered'),
    failed: t('No answer'),
    waiting: t('Waiting for the first answer…'),
    noAnswer: t('no answer'),
    variants: {
      vision: t('page with 私たちのビジョン'),
      vision2: t('page with 私たちのビジョン2'),
      other: t('another page'),
    },
    live: t('sending requests…'),
    done: t('done'),
  };
}

/** The bars in a stable order (by backend name, then variant), then the unanswered requests; shares of all requests. */
export function tallyBars(tally: Tally, words: TallyWords): TallyBar[] {
  const total = Math.max(1, tally.requests, tally.answered + tally.failed);
  const bars: TallyBar[] = [...tally.byBackend]
    .sort(
      (a, b) =>
        (a.name ?? a.instanceId ?? '').localeCompare(b.name ?? b.instanceId ?? '', 'en') ||
        a.variant.localeCompare(b.variant, 'en'),
    )
    .map((b) => ({
      key: `${b.instanceId ?? '?'}:${b.variant}`,
      label: b.name ?? b.instanceId ?? words.variants[b.variant] ?? b.variant,
      detail: b.name && b.instanceId ? b.instanceId : '',
      variant: words.variants[b.variant] ?? b.variant,
      count: b.count,
      share: b.count / total,
      tone: b.variant === 'vision' || b.variant === 'vision2' ? b.variant : 'other',
    }));
  if (tally.failed > 0) {
    bars.push({
      key: 'failed',
      label: words.failed,
      detail: '',
      variant: '',
      count: tally.failed,
      share: tally.failed / total,
      tone: 'failed',
    });
  }
  return bars;
}

/** Renders the bars as HTML (also used by the page's script for live updates, so both agree). */
export function barsHtml(bars: readonly TallyBar[]): string {
  return bars
    .map(
      (b) =>
        `<div class="bar" data-key="${escapeHtml(b.key)}">` +
        `<div class="name"><span class="server">${escapeHtml(b.label)}</span>` +
        (b.detail ? `<span class="id">${escapeHtml(b.detail)}</span>` : '') +
        (b.variant ? `<span class="variant">${escapeHtml(b.variant)}</span>` : '') +
        `</div>` +
        `<div class="track"><div class="fill ${b.tone}" data-share="${(b.share * 100).toFixed(1)}"></div></div>` +
        `<div class="count">${b.count}</div></div>`,
    )
    .join('');
}

export function summaryHtml(view: TallyView, words: TallyWords): string {
  const { tally } = view;
  return (
    `<span>${escapeHtml(words.requests)}: <b>${tally.requests}</b></span>` +
    `<span>${escapeHtml(words.answered)}: <b>${tally.answered}</b></span>` +
    `<span>${escapeHtml(words.failed)}: <b>${tally.failed}</b></span>` +
    `<span class="state">${escapeHtml(view.live ? words.live : words.done)}</span>`
  );
}

/**
 * The whole page. `cspSource` is the webview's own source (for nothing but styles today); the script and the
 * style carry the nonce. Later updates arrive as `{ bars, summary, note }` messages with HTML built here.
 */
export function tallyPageHtml(view: TallyView, words: TallyWords, nonce: string, cspSource: string): string {
  const bars = tallyBars(view.tally, words);
  return livePageHtml({
    title: words.title,
    nonce,
    cspSource,
    style: TALLY_STYLE,
    body: [
      `<h1>${escapeHtml(words.title)}</h1>`,
      `<div class="sub">${escapeHtml(words.subtitle)}</div>`,
      `<div class="summary" id="summary">${summaryHtml(view, words)}</div>`,
      `<div id="bars">${bars.length > 0 ? barsHtml(bars) : `<div class="empty">${escapeHtml(words.waiting)}</div>`}</div>`,
      `<div class="note" id="note">${escapeHtml(view.note ?? '')}</div>`,
    ].join('\n'),
    htmlRegions: ['summary', 'bars'],
    textRegions: ['note'],
  });
}

const TALLY_STYLE = `
  body { max-width: 760px; }
  .sub { word-break: normal; }
  .summary { display: flex; gap: 18px; flex-wrap: wrap; margin-bottom: 16px; }
  .summary .state { color: var(--vscode-descriptionForeground); font-style: italic; }
  .bar { display: grid; grid-template-columns: minmax(170px, 34%) 1fr 3.5em; align-items: center; gap: 10px; margin: 10px 0; }
  .name span { display: block; }
  .server { font-weight: 600; }
  .id, .variant { color: var(--vscode-descriptionForeground); font-size: 0.92em; }
  .track { background: var(--vscode-editorWidget-background, rgba(128,128,128,0.15)); border: 1px solid var(--vscode-widget-border, transparent);
           height: 22px; border-radius: 3px; overflow: hidden; }
  .fill { height: 100%; transition: width 120ms linear; }
  .vision { background: var(--vscode-charts-blue); }
  .vision2 { background: var(--vscode-charts-green); }
  .other { background: var(--vscode-charts-orange); }
  .failed { background: var(--vscode-charts-red); }
  .count { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
  .note { margin-top: 14px; color: var(--vscode-descriptionForeground); }`;

/** The message that updates a shown page (HTML built and escaped here, never in the page). */
export function tallyUpdate(view: TallyView, words: TallyWords): { summary: string; bars: string; note: string } {
  const bars = tallyBars(view.tally, words);
  return {
    summary: summaryHtml(view, words),
    bars: bars.length > 0 ? barsHtml(bars) : `<div class="empty">${escapeHtml(words.waiting)}</div>`,
    note: view.note ?? '',
  };
}
