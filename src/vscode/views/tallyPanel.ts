// The load-balancing chart in a webview panel: opened by 1.8 and 1.10, updated live while their requests run.
// One panel at a time (a new tally reuses it). The page is built by tallyHtml.ts; here only the webview plumbing.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Tally } from '../../lab/types';
import { tallyPageHtml, tallyUpdate, tallyWords, type TallyView, type TallyWords } from '../../present/tallyHtml';

export const TALLY_VIEW_TYPE = 'scaleOutLab.tally';

/** Posts at most this often while answers stream in (instant practice speed answers hundreds a second). */
const UPDATE_EVERY_MS = 80;

export class TallyPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private words: TallyWords | undefined;
  private last: TallyView | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPost = 0;
  /** The page's script says when it listens; updates before that are folded into the first post after. */
  private ready = false;

  /** The tally shown last (host tests read it). */
  get current(): TallyView | undefined {
    return this.last;
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Opens (or reuses) the panel for requests to `target`, starting empty and live. */
  open(target: string): void {
    this.words = tallyWords(vscode.l10n.t, target);
    const view: TallyView = { tally: { requests: 0, answered: 0, failed: 0, byBackend: [] }, live: true };
    this.last = view;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        TALLY_VIEW_TYPE,
        vscode.l10n.t('Load balancing'),
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
        // Scripts only for the live updates; no local or remote resources at all.
        { enableScripts: true, localResourceRoots: [], enableFindWidget: false },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.cancelTimer();
      });
      this.panel.webview.onDidReceiveMessage((m: { ready?: boolean }) => {
        if (!m?.ready) return;
        this.ready = true;
        this.post();
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = vscode.l10n.t('Load balancing');
    this.ready = false;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = tallyPageHtml(view, this.words, nonce, this.panel.webview.cspSource);
  }

  /** A new tally: shown now, or a moment later when updates come faster than the page needs. */
  update(tally: Tally, live: boolean, note?: string): void {
    this.last = { tally, live, ...(note !== undefined ? { note } : {}) };
    if (!live) {
      this.post();
      return;
    }
    const wait = this.lastPost + UPDATE_EVERY_MS - Date.now();
    if (wait <= 0) this.post();
    else this.timer ??= setTimeout(() => this.post(), wait);
  }

  private post(): void {
    this.cancelTimer();
    this.lastPost = Date.now();
    if (!this.panel || !this.words || !this.last || !this.ready) return;
    void this.panel.webview.postMessage(tallyUpdate(this.last, this.words));
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancelTimer();
    this.panel?.dispose();
    this.panel = undefined;
  }
}
