// The cost meter in the status bar: `$(credit-card) 0.045 USD/h · 0.31 USD`, the accrued amount ticking once a
// minute between estimates, a markdown tooltip with the breakdown by kind, warning colours only above the
// student's threshold, a click to the breakdown. Hidden until the first estimate.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';
import type { CostService } from '../services/costService';
import type { SettingsStore } from '../settings/store';
import type { Settings } from '../settings/read';
import { meterText, meterTooltip, meterWarns, type Money } from '../../present/costModel';

const TICK_MS = 60_000;

export function moneyOf(settings: Settings): Money {
  return { currency: settings.cost.currency, yenPerUsd: settings.cost.yenPerUsd };
}

export class CostStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly cost: CostService,
    private readonly settings: SettingsStore,
  ) {
    this.item = vscode.window.createStatusBarItem('scaleOutLab.cost', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('AWS Scale-Out Lab: cost');
    this.item.command = COMMANDS.showCost;
    // A new estimate, or new settings (currency, rate, threshold).
    this.subscriptions = [cost.onDidChange(() => this.render()), settings.onDidChange(() => this.render())];
    // The accrued amount moves at the rate between estimates: at most once a minute.
    this.timer = setInterval(() => this.render(), TICK_MS);
    this.render();
  }

  /** What the meter shows (host tests read it). */
  get shown(): { text: string; tooltip: string; warning: boolean; visible: boolean } {
    const tooltip = this.item.tooltip;
    return {
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      warning: this.item.backgroundColor !== undefined,
      visible: this.visible,
    };
  }

  private visible = false;

  private render(): void {
    const view = this.cost.current;
    if (!view) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const t = vscode.l10n.t;
    const settings = this.settings.current;
    const money = moneyOf(settings);
    const now = Date.now();
    this.item.text = meterText(view, money, t, now);
    const tooltip = new vscode.MarkdownString(
      meterTooltip(view, money, t, now, { breakdown: COMMANDS.showCost, cleanUp: COMMANDS.cleanUp }),
    );
    tooltip.isTrusted = { enabledCommands: [COMMANDS.showCost, COMMANDS.cleanUp] };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = meterWarns(view.estimate, settings.cost.warnAtUsdPerHour)
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.item.accessibilityInformation = {
      label: `${this.item.name}: ${this.item.text.replace('$(credit-card) ', '')}`,
    };
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
