// What the account in use costs: every inventory the account service publishes is estimated (the built-in price
// table, or live prices on AWS when the setting allows and the credentials can read them), and published as a
// CostView for the meter, the breakdown and the reminders. Elastic IPs, whose start AWS does not tell, accrue
// from when this window first saw them.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CostEstimate } from '../../cost/estimate';
import type { PriceTable } from '../../cost/prices';
import type { Inventory } from '../../aws/types';
import { describeProblem } from '../../aws/errors';
import { withFirstSeen, type CostView } from '../../present/costModel';
import type { AccountService } from './accountService';
import { formatErrorForLog } from '../errorBoundary';
import type { SettingsStore } from '../settings/store';

export const PRICE_CACHE_FILE = 'prices-cache.json';

export class CostService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CostView | undefined>();
  /** Fires with every new estimate (undefined: no account, or another account is loading). */
  readonly onDidChange = this.changed.event;
  private view: CostView | undefined;
  private inventory: Inventory | undefined;
  /** kind:resourceId -> epoch ms first seen (for items whose start is unknown). */
  private readonly firstSeen = new Map<string, number>();
  /** Regions whose live prices were asked for (AWS only, once per session), and the tables that came. */
  private readonly liveAsked = new Set<string>();
  private readonly liveTables = new Map<string, PriceTable>();
  private latest: Promise<void> = Promise.resolve();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly accounts: AccountService,
    private readonly settings: SettingsStore,
    private readonly storageDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      accounts.onDidChangeInventory((s) => {
        if (s.status === 'loaded') this.estimate(s.inventory);
        else if (s.status === 'loading') this.publish(undefined);
      }),
      // Free tier, live prices: estimate the same inventory again.
      settings.onDidChange(() => this.refresh()),
    ];
    if (accounts.inventory) this.estimate(accounts.inventory);
  }

  get current(): CostView | undefined {
    return this.view;
  }

  /** Resolves once the latest inventory has been estimated. */
  async whenEstimated(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.latest) {
      seen = this.latest;
      await seen;
    }
  }

  /** The prices the estimates use for a region (the cleanup's hourly figures use the same). */
  async prices(region: string): Promise<PriceTable | undefined> {
    const { priceTable } = await import('../domain.js');
    return (this.settings.current.cost.livePrices ? this.liveTables.get(region) : undefined) ?? priceTable(region);
  }

  private refresh(): void {
    if (this.inventory) this.estimate(this.inventory);
  }

  private estimate(inventory: Inventory): void {
    this.inventory = inventory;
    this.latest = this.compute(inventory).catch((error: unknown) =>
      this.log.error(`Estimating the cost failed:\n${formatErrorForLog(error)}`),
    );
  }

  private async compute(inventory: Inventory): Promise<void> {
    const { estimateCost } = await import('../domain.js');
    const region = inventory.context.region;
    if (inventory.context.kind === 'aws' && this.settings.current.cost.livePrices) this.startLivePrices(region);
    const prices = await this.prices(region);
    if (inventory !== this.inventory) return;
    const estimate = estimateCost(inventory, {
      ...(prices ? { prices } : {}),
      freeTier: this.settings.current.cost.freeTier,
    });
    this.publish({ estimate: this.seen(estimate), practice: inventory.context.kind === 'practice', region });
  }

  /** Notes first sightings and drops resources gone, then applies them. */
  private seen(estimate: CostEstimate): CostEstimate {
    const at = Date.parse(estimate.at);
    const keys = new Set(estimate.items.map((i) => `${i.kind}:${i.resourceId}`));
    for (const k of [...this.firstSeen.keys()]) if (!keys.has(k)) this.firstSeen.delete(k);
    for (const i of estimate.items)
      if (i.accruedUnknown && !this.firstSeen.has(`${i.kind}:${i.resourceId}`))
        this.firstSeen.set(`${i.kind}:${i.resourceId}`, at);
    return withFirstSeen(estimate, this.firstSeen);
  }

  private startLivePrices(region: string): void {
    if (this.liveAsked.has(region)) return;
    this.liveAsked.add(region);
    // The estimates meanwhile use the built-in table; the live one re-estimates when it comes.
    void (async () => {
      const { account } = await this.accounts.session();
      const { fetchLivePrices } = await import('../domain.js');
      const outcome = await fetchLivePrices({ credentials: account.credentials }, region, {
        cacheFile: join(this.storageDir, PRICE_CACHE_FILE),
      });
      if (outcome.kind === 'live') {
        this.log.info(`Live prices for ${region}${outcome.fromCache ? ' (cached)' : ''}, fetched ${outcome.fetchedAt}`);
        this.liveTables.set(region, outcome.table);
        this.refresh();
        return;
      }
      const p = outcome.problem;
      this.log.info(
        `Live prices unavailable for ${region}, using the built-in table: ${p.kind === 'incomplete' ? `missing ${p.missing.join(', ')}` : describeProblem(p)}`,
      );
    })().catch((error: unknown) => this.log.warn(`Live prices failed:\n${formatErrorForLog(error)}`));
  }

  private publish(view: CostView | undefined): void {
    this.view = view;
    this.changed.fire(view);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
