// The load-balancing chart in a webview panel: opened by 1.8 and 1.10, updated live while their requests run.
// One panel at a time (a new tally reuses it). The page is built by tallyHtml.ts; the plumbing is liveWebview.ts.
import * as vscode from 'vscode';
import type { Tally } from '../../lab/types';
import { tallyPageHtml, tallyUpdate, tallyWords, type TallyView } from '../../present/tallyHtml';
import { LiveWebview } from './liveWebview';

export const TALLY_VIEW_TYPE = 'scaleOutLab.tally';

/** Posts at most this often while answers stream in (instant practice speed answers hundreds a second). */
const UPDATE_EVERY_MS = 80;

export class TallyPanel implements vscode.Disposable {
  private readonly live = new LiveWebview<TallyView>(TALLY_VIEW_TYPE, UPDATE_EVERY_MS);

  /** The tally shown last (host tests read it). */
  get current(): TallyView | undefined {
    return this.live.current;
  }

  get visible(): boolean {
    return this.live.visible;
  }

  /** Opens (or reuses) the panel for requests to `target`, starting empty and live. */
  open(target: string): void {
    const words = tallyWords(vscode.l10n.t, target);
    const view: TallyView = { tally: { requests: 0, answered: 0, failed: 0, byBackend: [] }, live: true };
    this.live.open(vscode.l10n.t('Load balancing'), view, {
      html: (v, nonce, csp) => tallyPageHtml(v, words, nonce, csp),
      update: (v) => tallyUpdate(v, words),
    });
  }

  /** A new tally: shown now, or a moment later when updates come faster than the page needs. */
  update(tally: Tally, live: boolean, note?: string): void {
    this.live.update({ tally, live, ...(note !== undefined ? { note } : {}) }, live);
  }

  dispose(): void {
    this.live.dispose();
  }
}
