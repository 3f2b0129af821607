// A chart in a webview panel that follows a run live (the load-balancing tally, the failover chart): one panel at a
// time, its page built elsewhere, updates posted at most every `everyMs` (at instant practice speed answers come
// hundreds a second) and only once the page's script says it listens; what came before is folded into that post.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface LivePage<V> {
  /** The whole page for the first view (`nonce` for its script and style, `cspSource` the webview's own). */
  html(view: V, nonce: string, cspSource: string): string;
  /** The message that updates a shown page. */
  update(view: V): unknown;
}

export class LiveWebview<V> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private page: LivePage<V> | undefined;
  private last: V | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPost = 0;
  private ready = false;
  private readonly closed = new Set<() => void>();

  constructor(
    private readonly viewType: string,
    private readonly everyMs: number,
  ) {}

  /** The view shown last (host tests read it). */
  get current(): V | undefined {
    return this.last;
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Opens (or reuses and reveals) the panel on `view`. */
  open(title: string, view: V, page: LivePage<V>): void {
    this.page = page;
    this.last = view;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        this.viewType,
        title,
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
        // Scripts only for the live updates; no local or remote resources at all.
        { enableScripts: true, localResourceRoots: [], enableFindWidget: false },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.cancelTimer();
        for (const listener of [...this.closed]) listener();
      });
      this.panel.webview.onDidReceiveMessage((m: { ready?: boolean }) => {
        if (!m?.ready) return;
        this.ready = true;
        this.post();
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = title;
    this.ready = false;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = page.html(view, nonce, this.panel.webview.cspSource);
  }

  /** A new view: shown now when it is the last one (`live` false), else a moment later when updates come fast. */
  update(view: V, live: boolean): void {
    this.last = view;
    if (!live) {
      this.post();
      return;
    }
    const wait = this.lastPost + this.everyMs - Date.now();
    if (wait <= 0) this.post();
    else this.timer ??= setTimeout(() => this.post(), wait);
  }

  /** Called once when the student closes the panel (a watch that feeds it stops then). */
  onClose(listener: () => void): vscode.Disposable {
    this.closed.add(listener);
    return new vscode.Disposable(() => this.closed.delete(listener));
  }

  private post(): void {
    this.cancelTimer();
    this.lastPost = Date.now();
    if (!this.panel || !this.page || !this.last || !this.ready) return;
    void this.panel.webview.postMessage(this.page.update(this.last));
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
