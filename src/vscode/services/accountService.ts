// The account the explorer shows: resolves it from the settings (starting the practice server lazily when the
// practice account is the one), keeps one set of SDK clients per resolved account, fetches inventories and
// publishes each result (an inventory or the problem that stopped it) as an ExplorerState.
// The domain modules are imported lazily: activation stays fast, the SDK loads on the first fetch.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ResolvedAccount } from '../../aws/account';
import type { AwsClients } from '../../aws/clients';
import { AwsError, describeProblem, toAwsProblem, type AwsProblem } from '../../aws/errors';
import type { Inventory, InventoryScope } from '../../aws/types';
import type { AccountHint, ExplorerState } from '../../present/explorer/state';
import { isInTransition, type LoadOutcome } from '../views/refreshScheduler';
import { keepThrottled, throttledSections } from '../../aws/inventory/throttled';
import { formatErrorForLog } from '../errorBoundary';
import { PracticeHolder, practiceOpenedWords, practiceStateProblem } from './practiceAccount';
import { accountSettingsOf, DEFAULT_REGION, practiceSpeedFactor, type PracticeSpeed } from '../settings/read';
import type { SettingsChange, SettingsStore } from '../settings/store';

export const PRACTICE_STATE_FILE = 'practice-state.json';

/** Problems that mean "the credentials or the profile are the issue": re-resolve the account next time. */
const ACCOUNT_PROBLEMS = new Set<AwsProblem['kind']>([
  'noCredentials',
  'profileNotFound',
  'credentialsExpired',
  'credentialsInvalid',
]);

/** The students whose explorers share this account's limits: the student and the others the view counted. */
const sharedBy = (inventory: Inventory) => (inventory.others?.students.length ?? 0) + 1;

export class AccountService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerState>();
  /** Fires with every new state: loading (after an account change), loaded, failed. */
  readonly onDidChangeInventory = this.changed.event;
  private readonly accountChanged = new vscode.EventEmitter<void>();
  /** Fires when the settings named another account and the old one is dropped: refresh to load the new one. */
  readonly onDidChangeAccount = this.accountChanged.event;

  private state: ExplorerState = { status: 'idle' };
  /** The speed the practice server runs at (a change of the setting restarts it). */
  private practiceSpeed: PracticeSpeed;
  /** Bumped when the settings change: results of older loads are dropped. */
  private generation = 0;
  private connection: { readonly account: ResolvedAccount; readonly clients: AwsClients } | undefined;
  /** Served here, or shared with the window (or `practice serve`) that serves the same state file. */
  private practice = this.newPracticeHolder();
  private inFlight: AbortController | undefined;
  private disposed = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly storageDir: string,
    private readonly settings: SettingsStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.practiceSpeed = settings.current.practice.speed;
    this.subscription = settings.onDidChange((change) => this.reconfigure(change));
  }

  get current(): ExplorerState {
    return this.state;
  }

  /** practice / aws once known (resolved, or named by the settings). */
  get accountKind(): 'practice' | 'aws' | undefined {
    return this.state.status === 'loaded' ? this.state.inventory.context.kind : this.hint()?.kind;
  }

  get inventory(): Inventory | undefined {
    return this.state.status === 'loaded' ? this.state.inventory : undefined;
  }

  /** The profile in use (for `aws sso login`), when on AWS. */
  get profile(): string | undefined {
    return this.connection?.account.profile ?? this.settings.current.account.profile;
  }

  /** One fetch; the refresh scheduler makes sure only one runs at a time. */
  load(): Promise<LoadOutcome> {
    return this.loadOnce(true);
  }

  private async loadOnce(mayReopen: boolean): Promise<LoadOutcome> {
    const generation = this.generation;
    const abort = new AbortController();
    this.inFlight = abort;
    const stale = () => abort.signal.aborted || generation !== this.generation || this.disposed;
    if (this.state.status === 'idle') this.setState({ status: 'loading', account: this.hint() });
    const started = performance.now();
    let phase = 'connect';
    try {
      const { clients } = await this.connect(generation);
      phase = 'inventory';
      if (stale()) return { inTransition: false };
      const { fetchInventory } = await import('../domain.js');
      const read = await fetchInventory(clients, { abortSignal: abort.signal, ...this.studentView() });
      if (stale()) return { inTransition: false };
      // Throttled sections stay as last shown: the explorer slows down quietly instead of showing errors.
      const throttled = throttledSections(read).length > 0;
      const inventory = keepThrottled(this.lastInventory(), read);
      const inTransition = isInTransition(inventory);
      this.log.info(
        `Inventory of ${inventory.context.kind} account ${inventory.context.accountId} in ${inventory.context.region}: ` +
          `${inventory.instances.length} instances, ${inventory.loadBalancers.length} load balancers, ` +
          `${inventory.apiCalls} API calls, ${(performance.now() - started).toFixed(0)} ms` +
          (inTransition ? ' (changes in progress)' : ''),
      );
      for (const p of read.problems) this.log.warn(`${p.section}: ${describeProblem(p.error)}`);
      this.setState({ status: 'loaded', inventory });
      return { inTransition, throttled, sharedBy: sharedBy(inventory) };
    } catch (error) {
      if (stale()) return { inTransition: false };
      const problem = this.problemOf(error, phase);
      this.log.error(`Loading the account failed: ${describeProblem(problem)}\n${formatErrorForLog(error)}`);
      // The other window whose practice account this one shared has closed: open it again (now served here).
      if (this.forgetGonePractice(problem) && mayReopen) return this.loadOnce(false);
      if (ACCOUNT_PROBLEMS.has(problem.kind)) this.disconnect();
      const previous = this.lastInventory();
      // Throttled before any section was read (STS): the last inventory stays as it is, the next load backs off.
      if (problem.kind === 'throttled' && previous && this.state.status === 'loaded') {
        return { inTransition: isInTransition(previous), throttled: true, sharedBy: sharedBy(previous) };
      }
      this.setState({ status: 'failed', problem, account: this.hint(problem), ...(previous ? { previous } : {}) });
      return { inTransition: false, throttled: problem.kind === 'throttled' };
    } finally {
      if (this.inFlight === abort) this.inFlight = undefined;
    }
  }

  /** The last inventory shown: the loaded one, or the one kept under a failure. */
  private lastInventory(): Inventory | undefined {
    return this.state.status === 'loaded'
      ? this.state.inventory
      : this.state.status === 'failed'
        ? this.state.previous
        : undefined;
  }

  /** The resolved account and its clients (resolving it, and starting the practice server, when needed). */
  async session(): Promise<{ readonly account: ResolvedAccount; readonly clients: AwsClients }> {
    return this.connect(this.generation);
  }

  /**
   * A fresh inventory for a lab runner, published like a refresh so the explorer and the checklist follow the
   * run as it goes (the sections a scoped read left out stay as the last whole inventory showed them). Throws (to
   * the runner) instead of publishing a failure.
   */
  async fetchFresh(signal?: AbortSignal, scope?: InventoryScope): Promise<Inventory> {
    const generation = this.generation;
    const { clients } = await this.connect(generation);
    const { fetchInventory, overlayInventory } = await import('../domain.js');
    // Who and where from the explorer's last read of this account: a runner's reads do not ask STS again.
    const known = this.current.status === 'loaded' ? this.current.inventory.context : undefined;
    const context = scope?.context ?? known;
    const inventory = await fetchInventory(clients, {
      ...scope,
      ...(context ? { context } : {}),
      ...(signal ? { abortSignal: signal } : {}),
      ...this.studentView(),
    }).catch((error: unknown) => {
      this.forgetGonePractice(this.problemOf(error, 'inventory'));
      throw error;
    });
    const previous = this.current.status === 'loaded' ? this.current.inventory : undefined;
    const shown = overlayInventory(previous, inventory);
    if (shown && generation === this.generation && !this.disposed)
      this.setState({ status: 'loaded', inventory: shown });
    return inventory;
  }

  /**
   * The settings name another account: drop the account (and the practice server when its speed changed),
   * cancel the fetch in flight, show "Loading…" for the account the settings now name, and say so (the explorer
   * refreshes, SSH closes its connections).
   */
  private reconfigure({ settings, accountChanged }: SettingsChange): void {
    if (!accountChanged || this.disposed) return;
    const speedChanged = this.practiceSpeed !== settings.practice.speed;
    this.practiceSpeed = settings.practice.speed;
    this.generation++;
    this.inFlight?.abort();
    this.disconnect();
    if (speedChanged) void this.stopPractice(this.newPracticeHolder());
    this.setState({ status: 'loading', account: this.hint() });
    this.accountChanged.fire();
  }

  /** Puts the practice account back to its starting state (WebServer alone). */
  async resetPractice(): Promise<void> {
    await this.startPractice();
    await this.practice.reset();
    this.log.info('Practice account reset to its starting state');
  }

  /** Stops the practice server and closes the clients (deactivate awaits this). */
  async close(): Promise<void> {
    this.disposed = true;
    this.subscription.dispose();
    this.inFlight?.abort();
    this.disconnect();
    await this.stopPractice(this.newPracticeHolder());
    this.changed.dispose();
    this.accountChanged.dispose();
  }

  dispose(): void {
    void this.close();
  }

  private setState(state: ExplorerState): void {
    this.state = state;
    if (!this.disposed) this.changed.fire(state);
  }

  private async connect(generation: number): Promise<{ account: ResolvedAccount; clients: AwsClients }> {
    if (this.connection) return this.connection;
    const { resolveAccount, createClients } = await import('../domain.js');
    const account = await resolveAccount(accountSettingsOf(this.settings.current), async () => this.startPractice());
    const clients = createClients(account);
    if (generation !== this.generation) {
      clients.destroy();
      return { account, clients };
    }
    this.connection = { account, clients };
    this.log.info(
      `Account: ${account.kind}${account.profile ? ` profile ${account.profile}` : ''}, region ${account.region}` +
        (account.endpoint ? `, endpoint ${account.endpoint}` : ''),
    );
    return this.connection;
  }

  private disconnect(): void {
    this.connection?.clients.destroy();
    this.connection = undefined;
  }

  private newPracticeHolder(): PracticeHolder {
    return new PracticeHolder({
      open: async () => {
        await mkdir(this.storageDir, { recursive: true });
        const { openPracticeAccount } = await import('../../practice/entry.js');
        return openPracticeAccount({
          stateFile: join(this.storageDir, PRACTICE_STATE_FILE),
          speed: practiceSpeedFactor(this.practiceSpeed),
        });
      },
      resetShared: async (endpoint) => (await import('../../practice/entry.js')).resetSharedPracticeAccount(endpoint),
    });
  }

  /** The practice account's endpoint; the first open logs what it did and shows a replaced state file. */
  private async startPractice(): Promise<string> {
    const account = await this.practice.get((opened) => {
      if (opened.kind === 'own')
        this.log.info(`Practice account listening on ${opened.endpoint} (speed ${this.practiceSpeed})`);
      const words = practiceOpenedWords(opened, vscode.l10n.t);
      for (const line of words.log) this.log.info(line);
      if (words.notify) void vscode.window.showWarningMessage(words.notify);
    });
    return account.endpoint;
  }

  /** After a failure: a shared practice account whose server is gone is dropped, with the clients that used it. */
  private forgetGonePractice(problem: AwsProblem): boolean {
    if (this.connection?.account.kind !== 'practice' || !this.practice.forgetIfGone(problem)) return false;
    this.log.info(
      vscode.l10n.t(
        'The window whose practice account this one used has closed: the practice account is opened again.',
      ),
    );
    this.disconnect();
    return true;
  }

  /** Stops this window's practice server (a shared one is only let go); `next` holds the account from now on. */
  private async stopPractice(next: PracticeHolder): Promise<void> {
    const previous = this.practice;
    this.practice = next;
    try {
      await previous.stop();
    } catch (error) {
      this.log.warn(`Stopping the practice server: ${formatErrorForLog(error)}`);
    }
  }

  /** Domain code throws AwsError; anything else (a practice server that cannot start, a bug) is mapped here. */
  private problemOf(error: unknown, phase: string): AwsProblem {
    if (error instanceof AwsError) return error.problem;
    const practiceState = practiceStateProblem(error);
    if (practiceState) return practiceState;
    const account = this.connection?.account;
    return toAwsProblem(error, {
      action: phase,
      ...(account?.profile ? { profile: account.profile } : {}),
      ...(account?.endpoint ? { endpoint: account.endpoint } : {}),
      ...(account?.sso ? { sso: true } : {}),
    });
  }

  /** In a class sharing one account, the student whose view every read is (settings: lab.student). */
  private studentView(): { student?: string } {
    const student = this.settings.current.lab.student;
    return student ? { student } : {};
  }

  /** Who and where as far as known without a snapshot: the resolved account, else what the settings name. */
  private hint(problem?: AwsProblem): AccountHint | undefined {
    const account = this.connection?.account;
    if (account) {
      return {
        kind: account.kind,
        region: account.region,
        ...(account.profile ? { profile: account.profile } : {}),
        ...(account.kind === 'aws' && account.endpoint ? { endpoint: account.endpoint } : {}),
      };
    }
    const s = this.settings.current.account;
    if (s.source === 'practice') return { kind: 'practice', region: s.region ?? DEFAULT_REGION };
    const profile = s.profile ?? (problem && 'profile' in problem ? problem.profile : undefined);
    if (s.source === 'aws' || profile) {
      return { kind: 'aws', ...(profile ? { profile } : {}), ...(s.region ? { region: s.region } : {}) };
    }
    return undefined;
  }
}
