// The failover chart in a webview panel: opened when 2.5 or 2.7 runs, updated live while the site is requested.
// One panel at a time. The page is built by failoverHtml.ts; here only the webview plumbing.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { SiteWatch } from '../../lab/failover';
import {
  failoverPageHtml,
  failoverUpdate,
  failoverWords,
  type FailoverView,
  type FailoverWords,
} from '../../present/failoverHtml';

export const FAILOVER_VIEW_TYPE = 'scaleOutLab.failover';

/** Posts at most this often (at instant practice speed answers come hundreds a second). */
const UPDATE_EVERY_MS = 100;

export class FailoverPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private words: FailoverWords | undefined;
  private last: FailoverView | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPost = 0;
  private ready = false;

  /** The view shown last (host tests read it). */
  get current(): FailoverView | undefined {
    return this.last;
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  open(what: 'failover' | 'reboot' | 'auroraFailover', host: string): void {
    this.words = failoverWords(vscode.l10n.t, what, host);
    this.last = { watch: { host, path: '/', samples: [], downtimeMs: 0, recovered: true }, live: true };
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        FAILOVER_VIEW_TYPE,
        this.words.title,
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
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
    this.panel.title = this.words.title;
    this.ready = false;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = failoverPageHtml(this.last, this.words, nonce, this.panel.webview.cspSource);
  }

  update(watch: SiteWatch, live: boolean, moved?: string): void {
    this.last = { watch, live, ...(moved ? { moved } : {}) };
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
    void this.panel.webview.postMessage(failoverUpdate(this.last, this.words));
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
