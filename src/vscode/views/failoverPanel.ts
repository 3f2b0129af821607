// The failover chart in a webview panel: opened when 2.5 or 2.7 runs, updated live while the site is requested.
// One panel at a time. The page is built by failoverHtml.ts; the plumbing is liveWebview.ts.
import * as vscode from 'vscode';
import type { SiteWatch } from '../../lab/failover';
import { failoverPageHtml, failoverUpdate, failoverWords, type FailoverView } from '../../present/failoverHtml';
import { LiveWebview } from './liveWebview';

export const FAILOVER_VIEW_TYPE = 'scaleOutLab.failover';

/** Posts at most this often (at instant practice speed answers come hundreds a second). */
const UPDATE_EVERY_MS = 100;

export class FailoverPanel implements vscode.Disposable {
  private readonly live = new LiveWebview<FailoverView>(FAILOVER_VIEW_TYPE, UPDATE_EVERY_MS);

  /** The view shown last (host tests read it). */
  get current(): FailoverView | undefined {
    return this.live.current;
  }

  get visible(): boolean {
    return this.live.visible;
  }

  open(what: 'failover' | 'reboot' | 'auroraFailover', host: string): void {
    const words = failoverWords(vscode.l10n.t, what, host);
    const view: FailoverView = { watch: { host, path: '/', samples: [], downtimeMs: 0, recovered: true }, live: true };
    this.live.open(words.title, view, {
      html: (v, nonce, csp) => failoverPageHtml(v, words, nonce, csp),
      update: (v) => failoverUpdate(v, words),
    });
  }

  update(watch: SiteWatch, live: boolean, moved?: string): void {
    this.live.update({ watch, live, ...(moved ? { moved } : {}) }, live);
  }

  dispose(): void {
    this.live.dispose();
  }
}
