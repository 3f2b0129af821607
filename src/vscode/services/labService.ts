// The lab's live state: every inventory the account service publishes is checked (steps that look at web pages
// after their pages are fetched, off the explorer's critical path), the checklist is told, and the walkthrough's
// context keys are set for the steps seen passing. One check at a time: a newer inventory aborts the older one.
import * as vscode from 'vscode';
import type { ResolvedAccount } from '../../aws/account';
import type { Inventory } from '../../aws/types';
import { stepDoneContextKey, walkthroughStepId } from '../commands/ids';
import { DEFAULT_LAYOUT, type LayoutId } from '../../lab/layout';
import { labSteps } from '../../lab/tracks';
import type { CheckInput, CheckResult, Observations, StepId, StepOutcome, WebProbe } from '../../lab/types';
import { IDLE_CHECKLIST, newlyPassing, type ChecklistState } from '../../present/checklistModel';
import { classicDiagnosisKey } from '../../present/explorer/classic';
import {
  diagnosisKey,
  type ExplorerState,
  type TargetDiagnoses,
  type TargetDiagnosis,
} from '../../present/explorer/state';
import type { AccountService } from './accountService';
import { formatErrorForLog } from '../errorBoundary';
import type * as Domain from '../domain';

/** Same account and region: results and observations of the previous inventory still mean something. */
function sameAccount(a: Inventory | undefined, b: Inventory): boolean {
  return (
    !!a &&
    a.context.kind === b.context.kind &&
    a.context.accountId === b.context.accountId &&
    a.context.region === b.context.region
  );
}

export class LabService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ChecklistState>();
  readonly onDidChange = this.changed.event;

  private state: ChecklistState = IDLE_CHECKLIST;
  private inventory: Inventory | undefined;
  private observations: Observations = new Map();
  /** Steps whose check passed at least once in this session: their walkthrough step stays ticked. */
  private readonly seenPassing = new Set<StepId>();
  private generation = 0;
  private observing: AbortController | undefined;
  private probe: { readonly account: ResolvedAccount; readonly web: WebProbe } | undefined;
  /** Settles when the latest check (and its context keys) is done. */
  private latest: Promise<void> = Promise.resolve();
  private readonly subscription: vscode.Disposable;
  private targetDiagnoses: TargetDiagnoses = new Map();
  private checkedLayout: LayoutId | undefined;

  constructor(
    private readonly accounts: AccountService,
    private readonly log: vscode.LogOutputChannel,
    /** The handout the student follows (the setting), read at each check. */
    private readonly layout: () => LayoutId = () => DEFAULT_LAYOUT,
  ) {
    this.subscription = accounts.onDidChangeInventory((s) => this.onInventory(s));
    this.onInventory(accounts.current);
  }

  /** After a settings change: when the handout changed, the same inventory is judged again with its names first. */
  relayout(): void {
    if (this.inventory && this.layout() !== this.checkedLayout) this.latest = this.check(this.inventory);
  }

  get current(): ChecklistState {
    return this.state;
  }

  /** What checks and plans need now: the latest inventory and pages, when there is an inventory. */
  get input(): CheckInput | undefined {
    return this.inventory
      ? { inventory: this.inventory, observations: this.observations, layout: this.layout() }
      : undefined;
  }

  /** Why each of the lab's targets is not healthy (1.7), for the explorer's target rows. */
  get diagnoses(): TargetDiagnoses {
    return this.targetDiagnoses;
  }

  /** Whether the step's walkthrough context key has been set (seen passing in this session). */
  isDone(id: StepId): boolean {
    return this.seenPassing.has(id);
  }

  /** Resolves when the check in progress (if any) has finished and the context keys are set. */
  async whenChecked(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.latest) {
      seen = this.latest;
      await seen;
    }
  }

  /** The web probe of the account in use (the practice account answers on its own port by Host header). */
  async webProbe(): Promise<WebProbe> {
    const { account } = await this.accounts.session();
    if (this.probe?.account !== account) {
      const { createWebProbe } = await import('../domain.js');
      this.probe = { account, web: createWebProbe(account) };
    }
    return this.probe.web;
  }

  /** A step is being run from the editor (its row spins), or none. */
  setRunning(step: StepId | undefined): void {
    const { running: _previous, ...rest } = this.state;
    this.publish(step ? { ...rest, running: step } : rest);
  }

  /** A runner's outcome: its check (and the pages it fetched) count until the next inventory is checked. */
  async noteOutcome(outcome: StepOutcome): Promise<void> {
    if (outcome.observations) this.observations = new Map([...this.observations, ...outcome.observations]);
    this.noteResults([outcome.check]);
    await this.syncContextKeys();
  }

  private onInventory(s: ExplorerState): void {
    switch (s.status) {
      case 'idle':
        return;
      case 'loading':
        // A new account or region: nothing of the old one applies.
        this.generation++;
        this.targetDiagnoses = new Map();
        this.observing?.abort();
        this.inventory = undefined;
        this.observations = new Map();
        this.publish({
          ...IDLE_CHECKLIST,
          status: 'checking',
          ...(this.state.running ? { running: this.state.running } : {}),
        });
        return;
      case 'failed':
        this.generation++;
        this.observing?.abort();
        this.publish({ ...this.state, status: 'failed', problem: s.problem, pending: new Set() });
        return;
      case 'loaded':
        this.latest = this.check(s.inventory).catch((error: unknown) => {
          this.log.error(`Checking the lab failed:\n${formatErrorForLog(error)}`);
        });
        return;
    }
  }

  /** Inventory-only steps at once; the steps that look at pages once their pages are fetched. */
  private async check(inventory: Inventory): Promise<void> {
    const generation = ++this.generation;
    this.observing?.abort();
    const abort = new AbortController();
    this.observing = abort;
    const stale = () => generation !== this.generation;
    if (!sameAccount(this.inventory, inventory)) this.observations = new Map();
    const keep = sameAccount(this.inventory, inventory) ? this.state.results : new Map<StepId, CheckResult>();
    this.inventory = inventory;
    const lab = await import('../domain.js');
    if (stale()) return;
    const layout = this.layout();
    this.checkedLayout = layout;

    const results = new Map(keep);
    const pending = new Set<StepId>();
    for (const step of labSteps(layout)) {
      if (step.observes) pending.add(step.id);
      else results.set(step.id, lab.checkStep(step.id, { inventory, observations: this.observations, layout }));
    }
    this.publish(
      this.withoutProblem({
        ...this.state,
        status: 'checking',
        results,
        pending,
        checkedAt: inventory.fetchedAt,
        layout,
      }),
    );
    await this.syncContextKeys();

    try {
      const observations = await lab.observe(inventory, await this.webProbe(), abort.signal, undefined, layout);
      if (stale()) return;
      this.observations = observations;
    } catch (error) {
      if (stale()) return;
      this.log.warn(
        `Fetching the lab's web pages failed; checking with the previous ones:\n${formatErrorForLog(error)}`,
      );
    }
    const input = { inventory, observations: this.observations, layout };
    const all = lab.checkAll(input);
    this.targetDiagnoses = diagnosesOf(lab, input);
    this.publish(
      this.withoutProblem({
        ...this.state,
        status: 'ready',
        results: new Map(all.map((r) => [r.step, r])),
        pending: new Set(),
        checkedAt: inventory.fetchedAt,
        layout,
      }),
    );
    await this.syncContextKeys();
  }

  private noteResults(results: readonly CheckResult[]): void {
    const next = new Map(this.state.results);
    for (const r of results) next.set(r.step, r);
    this.publish({ ...this.state, results: next });
  }

  private withoutProblem(state: ChecklistState): ChecklistState {
    const { problem: _problem, ...rest } = state;
    return rest;
  }

  /**
   * Ticks the walkthrough steps of newly passing checks (a walkthrough step cannot be un-ticked): the context
   * key its `onContext:` completion event names, and the step itself. The workbench creates its walkthrough
   * service lazily (when a walkthrough or the Welcome page first opens), and a key already true when the
   * service registers the walkthrough never completes the step in that session (VS Code 1.139
   * `WalkthroughsService`: it lands in `sessionEvents` without progressing). `welcome.markStepComplete` ticks
   * it directly, whenever the service comes to exist.
   */
  private async syncContextKeys(): Promise<void> {
    // Only a pass ticks a step: one that could not be checked ('unknown') is not done.
    const newly = newlyPassing(this.state.results.values(), this.seenPassing);
    for (const step of newly) this.seenPassing.add(step);
    await Promise.all(
      newly.map(async (step) => {
        await vscode.commands.executeCommand('setContext', stepDoneContextKey(step), true);
        await Promise.resolve(
          vscode.commands.executeCommand('welcome.markStepComplete', walkthroughStepId(step)),
        ).catch((error: unknown) => this.log.debug(`welcome.markStepComplete ${step}: ${String(error)}`));
      }),
    );
    if (newly.length > 0) this.log.info(`Lab steps passing: ${newly.join(', ')}`);
  }

  private publish(state: ChecklistState): void {
    this.state = state;
    this.changed.fire(state);
  }

  dispose(): void {
    this.generation++;
    this.observing?.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The 1.7 diagnosis per target of the lab's target group: every cause, and the fixes that go with them. */
function diagnosesOf(lab: typeof Domain, input: CheckInput): TargetDiagnoses {
  const roles = lab.findRoles(input.inventory, input.observations, input.layout);
  // The targets of the ALB's target group, or the instances registered on the Classic Load Balancer judged.
  const clb = roles.classicLoadBalancer;
  const tg = roles.targetGroup;
  const problems = clb ? lab.diagnoseClassic(input, roles, clb) : tg ? lab.diagnoseTargets(input, roles) : [];
  const keyOf = (id: string) => (clb ? classicDiagnosisKey(clb.name, id) : diagnosisKey(tg?.arn ?? '', id));
  const byTarget = new Map<
    string,
    { causes: TargetDiagnosis['causes'][number][]; fixes: TargetDiagnosis['fixes'][number][] }
  >();
  for (const problem of problems) {
    const id = problem.reason.args.id;
    if (typeof id !== 'string') continue; // a cause of the whole group (not in use): the checklist shows it
    const entry = byTarget.get(id) ?? { causes: [], fixes: [] };
    entry.causes.push(problem.reason);
    entry.fixes.push(...(problem.fixes ?? []));
    byTarget.set(id, entry);
  }
  return new Map([...byTarget].map(([id, d]) => [keyOf(id), d]));
}
