// The failover chart (2.5, 2.7, or a reboot as the contrast): one mark per request along a time axis, coloured by
// what came back — the site, WordPress's database error, the load balancer's 504, no answer — and the downtime in
// seconds, with where the database ran before and after. Pure HTML built here; the webview only shows it.
import type { SiteAnswer, SiteWatch } from '../lab/failover';
import { escapeHtml, livePageHtml } from './html';
import type { Translate } from './translate';

export interface FailoverWords {
  readonly title: string;
  readonly subtitle: string;
  readonly answers: Readonly<Record<SiteAnswer, string>>;
  readonly downtime: (seconds: string) => string;
  readonly requests: (n: number) => string;
  readonly live: string;
  readonly stillDown: string;
  /** Said when every answer was the site: a page that is not built from the database cannot show its outage. */
  readonly neverDown: string;
  readonly waiting: string;
  readonly seconds: (s: string) => string;
}

export interface FailoverView {
  readonly watch: SiteWatch;
  readonly live: boolean;
  /** "ap-northeast-1a → ap-northeast-1c", "wp-user01 → wp-user01-slave": what moved, once known. */
  readonly moved?: string;
}

export function failoverWords(
  t: Translate,
  what: 'failover' | 'reboot' | 'auroraFailover',
  target: string,
): FailoverWords {
  const title =
    what === 'reboot'
      ? t('Reboot without failover: what the site answered')
      : what === 'auroraFailover'
        ? t('Aurora failover: what the site answered')
        : t('Failover: what the site answered');
  return {
    title,
    subtitle: t('Requests to http://{0}/ at a steady pace, each shown when it was sent', target),
    answers: {
      site: t('the site'),
      dbError: t('database error'),
      gatewayTimeout: t('504 Gateway Time-out'),
      serverError: t('other error'),
      noAnswer: t('no answer'),
    },
    downtime: (s) => t('Down for {0} s', s),
    requests: (n) => t('{0} requests', n),
    live: t('watching…'),
    stillDown: t('The site had not answered again when the watch ended.'),
    neverDown: t(
      "The site answered throughout: its pages do not come from the database, so they cannot show the outage (handout 004's WordPress does).",
    ),
    waiting: t('Waiting for the first answer…'),
    seconds: (s) => t('{0} s', s),
  };
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The strip: each request a mark at its time, the downtime shaded. */
export function stripHtml(view: FailoverView, words: FailoverWords): string {
  const { samples } = view.watch;
  if (samples.length === 0) return `<div class="empty">${escapeHtml(words.waiting)}</div>`;
  const span = Math.max(1, samples.at(-1)?.atMs ?? 1);
  const left = (ms: number) => ((ms / span) * 100).toFixed(2);
  const marks = samples
    .map(
      (s) =>
        `<span class="mark ${s.answer}" data-left="${left(s.atMs)}" title="${escapeHtml(`${seconds(s.atMs)} s · ${words.answers[s.answer]}${s.status ? ` (${s.status})` : ''}`)}"></span>`,
    )
    .join('');
  const { downFromMs, downToMs } = view.watch;
  const shade =
    downFromMs !== undefined && downToMs !== undefined
      ? `<span class="down" data-left="${left(downFromMs)}" data-width="${left(downToMs - downFromMs)}"></span>`
      : '';
  return `<div class="strip">${shade}${marks}</div><div class="axis"><span>0 s</span><span>${escapeHtml(words.seconds(seconds(span)))}</span></div>`;
}

export function failoverSummaryHtml(view: FailoverView, words: FailoverWords): string {
  const w = view.watch;
  const counts = new Map<SiteAnswer, number>();
  for (const s of w.samples) counts.set(s.answer, (counts.get(s.answer) ?? 0) + 1);
  const legend = (Object.keys(words.answers) as SiteAnswer[])
    .filter((a) => counts.has(a))
    .map(
      (a) =>
        `<span class="key"><span class="swatch ${a}"></span>${escapeHtml(words.answers[a])} ${counts.get(a)}</span>`,
    )
    .join('');
  const parts = [
    `<strong class="downtime">${escapeHtml(words.downtime(seconds(w.downtimeMs)))}</strong>`,
    `<span>${escapeHtml(words.requests(w.samples.length))}</span>`,
    view.moved ? `<span class="moved">${escapeHtml(view.moved)}</span>` : '',
    view.live ? `<span class="state">${escapeHtml(words.live)}</span>` : '',
    !view.live && !w.recovered && w.samples.length > 0
      ? `<span class="state">${escapeHtml(words.stillDown)}</span>`
      : '',
    !view.live && w.samples.length > 0 && w.samples.every((s) => s.answer === 'site')
      ? `<span class="state neverDown">${escapeHtml(words.neverDown)}</span>`
      : '',
  ];
  return `<div class="summary">${parts.join('')}</div><div class="legend">${legend}</div>`;
}

export function failoverPageHtml(view: FailoverView, words: FailoverWords, nonce: string, cspSource: string): string {
  return livePageHtml({
    title: words.title,
    nonce,
    cspSource,
    style: FAILOVER_STYLE,
    body: [
      `<h1>${escapeHtml(words.title)}</h1>`,
      `<div class="sub">${escapeHtml(words.subtitle)}</div>`,
      `<div id="summary">${failoverSummaryHtml(view, words)}</div>`,
      `<div id="strip">${stripHtml(view, words)}</div>`,
    ].join('\n'),
    htmlRegions: ['summary', 'strip'],
  });
}

const FAILOVER_STYLE = `
  body { max-width: 860px; }
  .summary { display: flex; gap: 18px; flex-wrap: wrap; align-items: baseline; margin-bottom: 8px; }
  .downtime { font-size: 1.4em; }
  .state { color: var(--vscode-descriptionForeground); font-style: italic; }
  .legend { display: flex; gap: 14px; flex-wrap: wrap; margin-bottom: 14px; color: var(--vscode-descriptionForeground); }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: middle; }
  .strip { position: relative; height: 34px; border: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.4));
           background: var(--vscode-editorWidget-background, rgba(128,128,128,0.1)); border-radius: 3px; }
  .mark { position: absolute; top: 6px; width: 4px; height: 22px; border-radius: 1px; margin-left: -2px; }
  .down { position: absolute; top: 0; bottom: 0; background: rgba(255, 80, 80, 0.15); }
  .axis { display: flex; justify-content: space-between; color: var(--vscode-descriptionForeground); font-size: 0.9em; margin-top: 3px; }
  .site { background: var(--vscode-charts-green); }
  .dbError { background: var(--vscode-charts-red); }
  .gatewayTimeout { background: var(--vscode-charts-orange); }
  .serverError { background: var(--vscode-charts-purple); }
  .noAnswer { background: var(--vscode-descriptionForeground); }`;

export function failoverUpdate(view: FailoverView, words: FailoverWords): { summary: string; strip: string } {
  return { summary: failoverSummaryHtml(view, words), strip: stripHtml(view, words) };
}
