// The lab checklist as plain data: tracks > steps (pass / fail / waiting, the reason in words) > the causes
// found and the one-click fixes. A pure function of the check results; checklistTree.ts makes TreeItems of
// the nodes. No vscode import (unit-tested in Node).
import type { LayoutId } from '../lab/layout';
import type { AwsProblem } from '../aws/errors';
import { unreadableReason } from '../lab/checks/kit';
import { stepSummary, stepTitle } from './lab/steps';
import { reasonText } from './lab/reasons';
import { fixTitle } from './lab/fixes';
import type { CheckResult, Fix, LabStep, Reason, StepId, TrackId } from '../lab/types';
import { COMMANDS, EXTENSION_ID, stepKey, WALKTHROUGH_ID } from '../vscode/commands/ids';
import { problemMessage } from './problemMessages';
import type { Translate } from './translate';
import { mdText } from './explorer/text';

export type ChecklistNodeKind = 'track' | 'step' | 'cause' | 'fix' | 'note' | 'message';

export interface ChecklistNode {
  readonly kind: ChecklistNodeKind;
  /** Stable across re-checks (a step row's changes when it gains fixes): VS Code keeps what was expanded by it. */
  readonly id: string;
  readonly parent: ChecklistNode | undefined;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: { readonly id: string; readonly color?: string };
  /** Space-separated tokens for `view/item/context` menus: the kind, then runnable / fix / passed / failed / waiting. */
  readonly contextValue: string;
  readonly expand: 'none' | 'collapsed' | 'expanded';
  readonly children: readonly ChecklistNode[];
  readonly command?: { readonly id: string; readonly title: string; readonly args?: readonly unknown[] };
  readonly step?: StepId;
  /** Fix rows: what `applyFix` runs. */
  readonly fix?: Fix;
}

/** What the lab service knows: the latest result per step, and what is being worked on. */
export interface ChecklistState {
  /** idle: no inventory yet; failed: the inventory could not be read (the problem says why). */
  readonly status: 'idle' | 'checking' | 'ready' | 'failed';
  readonly results: ReadonlyMap<StepId, CheckResult>;
  /** Steps whose result waits for web observations in flight (the previous result, if any, still shows). */
  readonly pending: ReadonlySet<StepId>;
  /** A step being run from the editor. */
  readonly running?: StepId;
  readonly problem?: AwsProblem;
  /** ISO 8601 of the inventory the results come from. */
  readonly checkedAt?: string;
  /** The handout the results were judged for: its steps are the ones listed. */
  readonly layout?: LayoutId;
}

export const IDLE_CHECKLIST: ChecklistState = { status: 'idle', results: new Map(), pending: new Set() };

/** Theme colour ids, as the explorer uses them. */
const GREEN = 'charts.green';
const RED = 'charts.red';
const GREY = 'disabledForeground';
const BLUE = 'charts.blue';
const YELLOW = 'charts.yellow';

type Mutable = { -readonly [K in keyof ChecklistNode]: ChecklistNode[K] } & { children: ChecklistNode[] };

function node(
  parent: ChecklistNode | undefined,
  spec: Omit<ChecklistNode, 'parent' | 'children' | 'expand'> & { expand?: ChecklistNode['expand'] },
): Mutable {
  const made: Mutable = { ...spec, parent, children: [], expand: spec.expand ?? 'none' };
  if (parent) {
    const p = parent as Mutable;
    p.children.push(made);
    if (p.expand === 'none') p.expand = 'collapsed';
  }
  return made;
}

export function trackTitle(track: TrackId, t: Translate): string {
  switch (track) {
    case '0':
      return t('Track 0 · The starting web server');
    case '1':
      return t('Track 1 · Scale out with a load balancer');
    case '2':
      return t('Track 2 · A redundant database');
    case '3':
      return t('Track 3 · Auto Scaling');
    case '4':
      return t('Track 4 · A network from scratch');
  }
}

/** The walkthrough step a checklist row opens: `workbench.action.openWalkthrough` joins them as `category#step`. */
export function walkthroughStepArgs(id: StepId): { category: string; step: string } {
  return { category: `${EXTENSION_ID}#${WALKTHROUGH_ID}`, step: `step${stepKey(id)}` };
}

/** How a step's row reads: its status word, icon and colour. */
export function stepLook(
  result: CheckResult | undefined,
  busy: 'running' | 'checking' | undefined,
  t: Translate,
): { status: string; icon: string; color?: string } {
  if (busy === 'running') return { status: t('running…'), icon: 'sync~spin', color: BLUE };
  if (!result) return { status: t('checking…'), icon: 'loading~spin' };
  switch (result.status) {
    case 'passed':
      return { status: t('done'), icon: 'pass-filled', color: GREEN };
    case 'failed':
      return { status: t('not yet'), icon: 'error', color: RED };
    case 'waiting':
      return { status: t('waits for {0}', result.on), icon: 'circle-large-outline', color: GREY };
    case 'unknown':
      return { status: t('could not be checked'), icon: 'warning', color: YELLOW };
  }
}

/** Steps done: passed, and only passed (a step that could not be checked is not done, nor failed). */
export function isDone(result: CheckResult | undefined): boolean {
  return result?.status === 'passed';
}

/** The steps passing now that were not seen passing before (their walkthrough context keys are set once). */
export function newlyPassing(results: Iterable<CheckResult>, seen: ReadonlySet<StepId>): StepId[] {
  return [...results].filter((r) => isDone(r) && !seen.has(r.step)).map((r) => r.step);
}

/**
 * What a notification says about a step's result: done, the reason it is not (waiting, failed), or that it could
 * not be checked and why; the notes after (another lab-like load balancer that bills). `done` picks the kind.
 */
export function resultMessage(result: CheckResult, t: Translate): { readonly text: string; readonly done: boolean } {
  const title = stepTitle(result.step, t);
  const head =
    result.status === 'passed'
      ? t('{0}: done.', title)
      : result.status === 'unknown'
        ? `${title}: ${t('could not be checked: {0}', reasonText(result.reason, t))}`
        : `${title}: ${reasonText(result.reason, t)}`;
  const notes = result.status === 'passed' || result.status === 'failed' ? (result.notes ?? []) : [];
  return {
    text: [head, ...notes.map((n) => t('Note: {0}', reasonText(n, t)))].join(' '),
    done: result.status === 'passed',
  };
}

/** The tree: one node per track, its steps below, and below a failed step its causes and fixes. */
export function buildChecklist(state: ChecklistState, steps: readonly LabStep[], t: Translate): ChecklistNode[] {
  if (state.status === 'failed' && state.problem) {
    const { message } = problemMessage(state.problem, t);
    return [
      node(undefined, {
        kind: 'message',
        id: 'problem',
        label: t('Cannot check the lab: {0}', message),
        tooltip: mdText(message),
        icon: { id: 'error', color: RED },
        contextValue: 'message',
      }),
    ];
  }
  const tracks = [...new Set(steps.map((s) => s.track))];
  return tracks.map((track) => {
    const inTrack = steps.filter((s) => s.track === track);
    const passed = inTrack.filter((s) => isDone(state.results.get(s.id))).length;
    const trackNode = node(undefined, {
      kind: 'track',
      id: `track:${track}`,
      label: trackTitle(track, t),
      description: t('{0} of {1} done', passed, inTrack.length),
      icon: passed === inTrack.length ? { id: 'pass-filled', color: GREEN } : { id: 'checklist' },
      contextValue: 'track',
      expand: 'expanded',
    });
    for (const step of inTrack) stepNode(trackNode, step, state, t);
    return trackNode;
  });
}

function stepNode(parent: ChecklistNode, step: LabStep, state: ChecklistState, t: Translate): void {
  const result = state.results.get(step.id);
  const busy =
    state.running === step.id ? 'running' : result === undefined || state.pending.has(step.id) ? 'checking' : undefined;
  const look = stepLook(result, busy === 'checking' && result ? undefined : busy, t);
  const why = result && result.status !== 'passed' ? reasonText(result.reason, t) : undefined;
  // Not a failure: the row says it could not be checked, then why.
  const reason = why && result?.status === 'unknown' ? t('could not be checked: {0}', why) : why;
  const title = stepTitle(step.id, t);
  const tooltip = [
    `**${mdText(title)}**`,
    mdText(stepSummary(step.id, t)),
    `${look.status}${busy === 'checking' && result ? ` (${t('checking again…')})` : ''}`,
    why ? mdText(why) : undefined,
    result?.status === 'failed' && result.fixes.length > 0
      ? `${t('Fix:')} ${result.fixes.map((f) => mdText(fixTitle(f, t))).join(' · ')}`
      : undefined,
    ...(result?.status === 'unknown' ? result.problems.map((p) => mdText(problemMessage(p.error, t).message)) : []),
    ...((result?.status === 'passed' || result?.status === 'failed' ? result.notes : undefined) ?? []).map((n) =>
      mdText(reasonText(n, t)),
    ),
  ]
    .filter(Boolean)
    .join('\n\n');
  const tokens = [
    'step',
    result?.status ?? 'checking',
    step.runnable && state.running === undefined ? 'runnable' : undefined,
  ];
  // A row that gains causes or fixes gets a new id: VS Code then shows it expanded, as asked, instead of
  // keeping the collapsed state of the row without children it saw before.
  const opens = result?.status === 'failed' && (result.fixes.length > 0 || (result.details?.length ?? 0) > 1);
  const row = node(parent, {
    kind: 'step',
    id: `${parent.id}/step:${step.id}${opens ? ':fixing' : ''}`,
    label: title,
    description: reason ?? look.status,
    tooltip,
    icon: look.color ? { id: look.icon, color: look.color } : { id: look.icon },
    contextValue: tokens.filter(Boolean).join(' '),
    command: {
      id: 'workbench.action.openWalkthrough',
      title: t('Open in the walkthrough'),
      args: [walkthroughStepArgs(step.id), false],
    },
    step: step.id,
  });
  if (result?.status === 'unknown') {
    // Why the account could not be read, per section (what AWS said, in the words the explorer uses).
    result.problems.forEach((p, k) => {
      const text = `${reasonText(unreadableReason(p), t)} ${problemMessage(p.error, t).message}`;
      node(row, {
        kind: 'cause',
        id: `${row.id}/unread:${k}:${p.section}:${p.action}`,
        label: text,
        tooltip: mdText(text),
        icon: { id: 'warning', color: YELLOW },
        contextValue: 'cause',
      });
    });
    row.expand = 'expanded';
    return;
  }
  if (result?.status !== 'failed') {
    if (result?.status === 'passed') notesOf(row, result.notes ?? [], t);
    return;
  }
  // Several causes (1.7: one per unhealthy target): one row each, then the fixes.
  const causes: readonly Reason[] = result.details && result.details.length > 1 ? result.details : [];
  causes.forEach((cause, k) => {
    node(row, {
      kind: 'cause',
      id: `${row.id}/cause:${k}:${cause.code}`,
      label: reasonText(cause, t),
      tooltip: mdText(reasonText(cause, t)),
      icon: { id: 'circle-small-filled', color: RED },
      contextValue: 'cause',
    });
  });
  result.fixes.forEach((fix, k) => {
    const title = fixTitle(fix, t);
    node(row, {
      kind: 'fix',
      id: `${row.id}/fix:${k}:${fix.code}`,
      label: title,
      tooltip: mdText(title),
      icon: { id: 'wrench' },
      contextValue: 'fix',
      command: { id: COMMANDS.applyFix, title, args: [{ step: step.id, fix }] },
      step: step.id,
      fix,
    });
  });
  notesOf(row, result.notes ?? [], t);
  if (row.children.length > 0) row.expand = 'expanded';
}

/** Notes under a step (another lab-like load balancer that bills): worth a look, nothing to fix here. */
function notesOf(row: Mutable, notes: readonly Reason[], t: Translate): void {
  notes.forEach((note, k) => {
    node(row, {
      kind: 'note',
      id: `${row.id}/note:${k}:${note.code}`,
      label: reasonText(note, t),
      tooltip: mdText(reasonText(note, t)),
      icon: { id: 'info', color: BLUE },
      contextValue: 'note',
    });
  });
  if (notes.length > 0) row.expand = 'expanded';
}

/** Every node, depth first. */
export function* walkChecklist(nodes: readonly ChecklistNode[]): Generator<ChecklistNode> {
  for (const n of nodes) {
    yield n;
    yield* walkChecklist(n.children);
  }
}
