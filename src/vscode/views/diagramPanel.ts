// The lab diagram in a webview panel: one panel, redrawn from each inventory (posted to the page, which swaps its
// body), and a click on a node revealing its row in the explorer. The picture is built by present/diagram/; here
// only the webview plumbing. Not kept alive when hidden: the page says when it is back and gets the latest body.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { DiagramRef } from '../../present/diagram/model';
import { diagramBody, diagramPageHtml, diagramWords } from '../../present/diagram/page';
import { findNodeFor, parseRef } from '../../present/diagram/reveal';
import type { ExplorerNode } from '../../present/explorer/nodes';
import type { ExplorerState } from '../../present/explorer/state';
import { EXPLORER_VIEW_ID } from '../commands/ids';
import type { AccountService } from '../services/accountService';
import type { Explorer } from './explorerTree';

export const DIAGRAM_VIEW_TYPE = 'scaleOutLab.diagram';

function visibleOrTimeout(view: vscode.TreeView<unknown>, ms: number): Promise<void> {
  if (view.visible) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const subscription = view.onDidChangeVisibility((e) => e.visible && done());
  });
}

export class DiagramPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The page listens (it says so when loaded, and again each time it is shown after being hidden). */
  private ready = false;
  /** The state the page shows, so a page that is back is sent only what changed. */
  private shown: ExplorerState | undefined;
  private readonly subscription: vscode.Disposable;
  /** How long the last drawing took (logged; the benchmark measures the same functions). */
  lastRenderMs = 0;

  constructor(
    private readonly service: AccountService,
    private readonly explorer: Explorer,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = service.onDidChangeInventory(() => this.post());
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return;
    }
    const t = vscode.l10n.t;
    const panel = vscode.window.createWebviewPanel(
      DIAGRAM_VIEW_TYPE,
      t('Lab diagram'),
      vscode.ViewColumn.Active,
      // Scripts for the clicks and the updates only; no local or remote resources at all.
      { enableScripts: true, localResourceRoots: [], enableFindWidget: true, retainContextWhenHidden: false },
    );
    this.panel = panel;
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.shown = undefined;
    });
    panel.onDidChangeViewState(() => {
      // Hidden, the page is gone; shown again, it reloads and says it is ready.
      if (!panel.visible) this.ready = false;
    });
    panel.webview.onDidReceiveMessage((m: { ready?: unknown; reveal?: unknown }) => {
      if (m?.ready === true) {
        this.ready = true;
        if (this.shown !== this.service.current) this.post();
        return;
      }
      const ref = parseRef(m?.reveal);
      if (ref) void this.reveal(ref);
    });
    const nonce = randomBytes(16).toString('base64');
    this.shown = this.service.current;
    panel.webview.html = diagramPageHtml(
      this.draw(this.shown),
      diagramWords(t),
      nonce,
      panel.webview.cspSource,
      vscode.env.language,
    );
  }

  private draw(state: ExplorerState): { body: string; stamp: string } {
    const started = performance.now();
    const drawn = diagramBody(state, vscode.l10n.t);
    this.lastRenderMs = performance.now() - started;
    if (state.status === 'loaded') this.log.debug(`Lab diagram drawn in ${this.lastRenderMs.toFixed(1)} ms`);
    return drawn;
  }

  private post(): void {
    if (!this.panel || !this.ready) return;
    this.shown = this.service.current;
    void this.panel.webview.postMessage(this.draw(this.shown));
  }

  /** The explorer row of the clicked node, selected and focused (its parents expanded). */
  private async reveal(ref: DiagramRef): Promise<void> {
    const view = this.explorer.view;
    // A collapsed or never shown view has no rows to reveal into ("Data tree node not found"): show it first.
    if (!view.visible) {
      await vscode.commands.executeCommand(`${EXPLORER_VIEW_ID}.focus`);
      await visibleOrTimeout(view, 3_000);
    }
    // The view may still be asking for its rows (or redrawing a new inventory): try again a little later.
    for (const wait of [0, 250, 500, 1_000, 2_000]) {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const node = findNodeFor(this.explorer.provider.getChildren(), ref);
      if (!node) {
        this.log.info(`Lab diagram: no explorer row for ${ref.kind} ${ref.id}`);
        return;
      }
      try {
        // Top down, each parent expanded before its child is asked for, so every row is loaded when revealed.
        const chain: ExplorerNode[] = [];
        for (let n: ExplorerNode | undefined = node.parent; n; n = n.parent) chain.unshift(n);
        for (const parent of chain) await view.reveal(parent, { select: false, focus: false, expand: true });
        await view.reveal(node, { select: true, focus: true, expand: true });
        return;
      } catch (error) {
        if (wait === 2_000) this.log.warn(`Lab diagram: could not reveal ${node.id}: ${String(error)}`);
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
    this.panel = undefined;
  }
}
