// Track 3 in the editor: the Auto Scaling chart while a step charts its group (3.4's run reports its scaling watch
// through the context's onScaling), "Watch Auto Scaling" on the lab's group at any time, and "Put load on the web
// tier": the bounded load (src/lab/scaling/load.ts) against the lab's own load balancer only, under a cancellable
// notification that shows its request rate, with the chart following the group meanwhile.
import * as vscode from 'vscode';
import type { Inventory } from '../../../aws/types';
import type { LoadFigures } from '../../../lab/scaling/load';
import type { ScalingTimeline } from '../../../lab/scaling/samples';
import type { StepContext, StepOutcome } from '../../../lab/types';
import { reasonText } from '../../../present/lab/reasons';
import { scalingNote } from '../../../present/scalingHtml';
import type { ExplorerNode } from '../../../present/explorer/nodes';
import type { CommandDeps } from '../deps';

const t = vscode.l10n.t;

/** The watch polls every 2 s on AWS; faster against the practice account, where a cycle takes seconds. */
const AWS_EVERY_MS = 2000;
const PRACTICE_EVERY_MS = 500;
/** A watch opened by hand stops by itself after this long (the student may forget the tab). */
const WATCH_FOR_MS = 30 * 60_000;
/** The load's defaults: as many workers as it takes to push a t2.micro past 70 %, for 5 minutes. */
const LOAD_CONCURRENCY = 10;
const LOAD_MINUTES = [1, 3, 5, 10] as const;

/** The context to run a step with (the chart opens on its first timeline), and what to do with its outcome. */
export function scalingChart(deps: CommandDeps, ctx: StepContext): { ctx: StepContext; finish(o: StepOutcome): void } {
  let last: ScalingTimeline | undefined;
  return {
    ctx: {
      ...ctx,
      onScaling: (timeline: ScalingTimeline) => {
        if (!last || last.groupName !== timeline.groupName) deps.scaling.open(timeline.groupName);
        last = timeline;
        deps.scaling.update(timeline, true);
      },
    },
    finish: (outcome) => {
      if (last) deps.scaling.update(last, false, scalingNote(outcome, t));
    },
  };
}

/** The lab's group, found as the checks find it (serving the lab's target group, or by the layout's name). */
async function labGroup(deps: CommandDeps, inventory: Inventory): Promise<string | undefined> {
  const lab = await import('../../domain.js');
  const layout = deps.settings.current.lab.layout;
  return lab.findScalingRoles(inventory, lab.findRoles(inventory, undefined, layout), layout).group?.name;
}

/** The group to chart: the explorer row's, else the lab's, else the only one, else the one the student picks. */
async function chooseGroup(deps: CommandDeps, inventory: Inventory, arg: unknown): Promise<string | undefined> {
  const node = arg as ExplorerNode | undefined;
  if (typeof arg === 'string') return arg;
  if (node?.kind === 'autoScalingGroup' && node.resource?.id) return node.resource.id;
  const lab = await labGroup(deps, inventory);
  if (lab) return lab;
  const groups = [...inventory.autoScalingGroups].map((g) => g.name).sort((a, b) => a.localeCompare(b, 'en'));
  if (groups.length <= 1) return groups[0];
  return vscode.window.showQuickPick(groups, { title: t('Watch which Auto Scaling group?') });
}

async function readInventory(deps: CommandDeps): Promise<Inventory | undefined> {
  await deps.explorer.scheduler.ensureLoaded();
  return deps.service.inventory;
}

/** Polls the group into the chart until the panel is closed (or opened again), or half an hour has passed. */
async function follow(deps: CommandDeps, groupName: string, load?: () => LoadFigures | undefined): Promise<void> {
  const signal = deps.scaling.open(groupName);
  const { account, clients } = await deps.service.session();
  const lab = await import('../../domain.js');
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), WATCH_FOR_MS);
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await lab.watchScaling(clients, groupName, {
      signal: stop.signal,
      everyMs: account.kind === 'practice' ? PRACTICE_EVERY_MS : AWS_EVERY_MS,
      ...(load ? { load } : {}),
      onSample: (timeline: ScalingTimeline) => deps.scaling.update(timeline, true),
    });
  } catch (error) {
    if (!stop.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    deps.scaling.finish();
  }
}

/** "Watch Auto Scaling": the chart over a group, live until the panel is closed. */
export async function watchAutoScaling(deps: CommandDeps, arg?: unknown): Promise<void> {
  const inventory = await readInventory(deps);
  if (!inventory) return;
  const group = await chooseGroup(deps, inventory, arg);
  if (!group) {
    void vscode.window.showInformationMessage(t('There is no Auto Scaling group to watch yet (step 3.2 makes one).'));
    return;
  }
  await follow(deps, group);
}

/** "Put load on the web tier": the bounded load against the lab's load balancer, the chart following the group. */
export async function putLoad(deps: CommandDeps): Promise<LoadFigures | undefined> {
  const inventory = await readInventory(deps);
  if (!inventory) return undefined;
  const lab = await import('../../domain.js');
  const { account } = await deps.service.session();
  let target;
  try {
    target = lab.loadTargetFor(inventory, {
      ...(account.endpoint ? { endpoint: account.endpoint } : {}),
      layout: deps.settings.current.lab.layout,
    });
  } catch (error) {
    if (error instanceof lab.LoadError) {
      void vscode.window.showWarningMessage(reasonText(error.reason, t));
      return undefined;
    }
    throw error;
  }
  const picked = await vscode.window.showQuickPick(
    LOAD_MINUTES.map((m) => ({ label: t('{0} min', m), minutes: m })),
    {
      title: t('Put load on http://{0}/ ({1} requests at a time)', target.host, LOAD_CONCURRENCY),
      placeHolder: t('For how long? You can stop it at any moment.'),
    },
  );
  if (!picked) return undefined;
  const group = await labGroup(deps, inventory);
  const figures = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: t('Load on {0}', target.host),
      cancellable: true,
    },
    async (progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => stop.abort());
      const load = lab.startLoad({
        target,
        concurrency: LOAD_CONCURRENCY,
        durationMs: picked.minutes * 60_000,
        signal: stop.signal,
        onTick: (f: LoadFigures) => progress.report({ message: loadText(f) }),
      });
      // The chart follows the group while the load runs, and stays open (live) after it until closed.
      if (group)
        void follow(deps, group, () => load.figures()).catch((e: unknown) =>
          deps.log.warn(`scaling chart: ${String(e)}`),
        );
      return load.done;
    },
  );
  void vscode.window.showInformationMessage(
    t('The load stopped: {0} requests, {1} answered, {2} failed.', figures.sent, figures.answered, figures.failed),
  );
  return figures;
}

function loadText(f: LoadFigures): string {
  return t(
    '{0} requests/s · {1} sent · {2} answered · {3} failed',
    f.requestsPerSecond.toFixed(1),
    f.sent,
    f.answered,
    f.failed,
  );
}
