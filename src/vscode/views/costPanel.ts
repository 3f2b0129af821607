// The cost breakdown in a webview panel, re-rendered on every estimate and once a minute (the accrued amounts
// tick). No scripts: the page's buttons are command links, allowed by name only.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';
import type { CostService } from '../services/costService';
import type { SettingsStore } from '../settings/store';
import { costPageHtml } from '../../present/costHtml';
import { moneyOf } from './costStatusBar';

export const COST_VIEW_TYPE = 'scaleOutLab.cost';

export class CostPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly cost: CostService,
    private readonly settings: SettingsStore,
  ) {
    // A new estimate, or new settings (currency, rate, threshold).
    this.subscriptions = [cost.onDidChange(() => this.render()), settings.onDidChange(() => this.render())];
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      this.render();
      return;
    }
    this.panel = vscode.window.createWebviewPanel(
      COST_VIEW_TYPE,
      vscode.l10n.t('What the lab costs'),
      vscode.ViewColumn.Active,
      {
        enableScripts: false,
        enableCommandUris: [COMMANDS.cleanUp, COMMANDS.refresh],
        localResourceRoots: [],
        enableFindWidget: true,
      },
    );
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
    });
    this.timer = setInterval(() => this.render(), 60_000);
    this.render();
  }

  render(): void {
    if (!this.panel) return;
    const t = vscode.l10n.t;
    const view = this.cost.current;
    if (!view) {
      this.panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head><body><p>${t('Reading the account…')}</p></body></html>`;
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = costPageHtml(
      view,
      moneyOf(this.settings.current),
      t,
      Date.now(),
      { cleanUp: COMMANDS.cleanUp, refresh: COMMANDS.refresh },
      nonce,
      this.panel.webview.cspSource,
      vscode.env.language,
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    if (this.timer) clearInterval(this.timer);
    this.panel?.dispose();
  }
}
