// The extension's Class view as plain data: the class in a line, a node per student (their steps by track, each
// passed or why not, and what they have running with its hourly cost), a node for what no student owns. A pure
// function of the teacher's table (lab/class/status.ts); views/classTree.ts makes TreeItems of the nodes.
import type { AwsProblem } from '../../aws/errors';
import type { ClassRow, ClassStatus } from '../../lab/class/status';
import type { CheckResult, TrackId } from '../../lab/types';
import { stepLook, trackTitle } from '../checklistModel';
import { formatRate, type Money } from '../costModel';
import { mdText } from '../explorer/text';
import { reasonText } from '../lab/reasons';
import { stepTitle } from '../lab/steps';
import { problemMessage } from '../problemMessages';
import type { Translate } from '../translate';
import { firstProblem, passedCount, problemText, runningKindText, stepMark } from './table';

export type ClassNodeKind =
  'summary' | 'student' | 'track' | 'step' | 'running' | 'resource' | 'unowned' | 'error' | 'empty' | 'loading';

export interface ClassNode {
  readonly kind: ClassNodeKind;
  /** Stable across refreshes: VS Code keeps what was expanded by it. */
  readonly id: string;
  readonly parent: ClassNode | undefined;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: { readonly id: string; readonly color?: string };
  readonly contextValue: string;
  readonly expand: 'none' | 'collapsed' | 'expanded';
  readonly children: readonly ClassNode[];
  /** A student's node: whose. */
  readonly student?: string;
}

/** What the Class view shows: nothing yet, a read in progress, the read's problem, or the table. */
export type ClassViewState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: AwsProblem; readonly previous?: ClassStatus }
  | { readonly status: 'loaded'; readonly class: ClassStatus };

const GREEN = 'charts.green';
const RED = 'charts.red';
const YELLOW = 'charts.yellow';
const USD: Money = { currency: 'USD', yenPerUsd: 1 };
const ROOT = 'class';

type Mutable = { -readonly [K in keyof ClassNode]: ClassNode[K] } & { children: ClassNode[] };

function node(
  parent: Mutable | undefined,
  spec: Omit<ClassNode, 'parent' | 'children' | 'expand' | 'contextValue'> & {
    expand?: ClassNode['expand'];
    contextValue?: string;
  },
): Mutable {
  const made: Mutable = { contextValue: spec.kind, ...spec, parent, children: [], expand: spec.expand ?? 'none' };
  if (parent) {
    parent.children.push(made);
    if (parent.expand === 'none') parent.expand = 'collapsed';
  }
  return made;
}

export function buildClassTree(state: ClassViewState, t: Translate): ClassNode[] {
  switch (state.status) {
    case 'idle':
      return [];
    case 'loading':
      return [
        node(undefined, { kind: 'loading', id: `${ROOT}/loading`, label: t('Loading…'), icon: { id: 'loading~spin' } }),
      ];
    case 'failed': {
      const m = problemMessage(state.problem, t);
      const error = node(undefined, {
        kind: 'error',
        id: `${ROOT}/error`,
        label: m.message,
        tooltip: mdText(m.message),
        icon: { id: 'error', color: RED },
      });
      return [error, ...(state.previous ? classNodes(state.previous, t) : [])];
    }
    case 'loaded':
      return classNodes(state.class, t);
  }
}

function classNodes(status: ClassStatus, t: Translate): ClassNode[] {
  const roots: ClassNode[] = [
    node(undefined, {
      kind: 'summary',
      id: `${ROOT}/summary`,
      label: t('{0} students', status.rows.length),
      description: t(
        '{0} · one read of the account ({1} API calls)',
        formatRate(status.hourlyUsd, USD, t),
        status.apiCalls,
      ),
      icon: { id: 'organization' },
    }),
  ];
  if (status.rows.length === 0)
    roots.push(
      node(undefined, {
        kind: 'empty',
        id: `${ROOT}/empty`,
        label: t('No student owns anything in this account (no tag, no user number in a name).'),
      }),
    );
  for (const row of status.rows) roots.push(studentNode(row, t));
  roots.push(unownedNode(status, t));
  return roots;
}

function studentLook(row: ClassRow): { id: string; color?: string } {
  if (row.steps.some((r) => r.status === 'failed')) return { id: 'error', color: RED };
  if (row.steps.some((r) => r.status === 'unknown')) return { id: 'warning', color: YELLOW };
  return { id: 'pass-filled', color: GREEN };
}

function studentNode(row: ClassRow, t: Translate): Mutable {
  const id = `${ROOT}/student:${row.student}`;
  const problem = firstProblem(row);
  const student = node(undefined, {
    kind: 'student',
    id,
    label: row.student,
    description: t(
      '{0}/{1} passed · {2} running · {3}',
      passedCount(row),
      row.steps.length,
      row.running.length,
      formatRate(row.hourlyUsd, USD, t, true),
    ),
    ...(problem ? { tooltip: mdText(problemText(problem, t)) } : {}),
    icon: studentLook(row),
    student: row.student,
    expand: 'collapsed',
  });
  const tracks = new Map<TrackId, CheckResult[]>();
  for (const r of row.steps) {
    const track = r.step.split('.')[0] as TrackId;
    tracks.set(track, [...(tracks.get(track) ?? []), r]);
  }
  for (const [track, results] of tracks) {
    const trackNode = node(student, {
      kind: 'track',
      id: `${id}/track:${track}`,
      label: trackTitle(track, t),
      description: results.map(stepMark).join(''),
    });
    for (const r of results) {
      const look = stepLook(r, undefined, t);
      const why = r.status === 'passed' ? undefined : reasonText(r.reason, t);
      node(trackNode, {
        kind: 'step',
        id: `${id}/step:${r.step}`,
        label: stepTitle(r.step, t),
        description: why ?? look.status,
        ...(why ? { tooltip: mdText(why) } : {}),
        icon: { id: look.icon, ...(look.color ? { color: look.color } : {}) },
      });
    }
  }
  const running = node(student, {
    kind: 'running',
    id: `${id}/running`,
    label: t('Running: {0}', row.running.length),
    description: t('{0} in all', formatRate(row.hourlyUsd, USD, t, true)),
    icon: { id: 'pulse' },
  });
  for (const r of row.running)
    node(running, {
      kind: 'resource',
      id: `${id}/running/${r.id}`,
      label: r.name ?? r.id,
      description: `${runningKindText(r.kind, t)} · ${formatRate(r.hourlyUsd, USD, t, true)}`,
      tooltip: mdText(r.id),
      contextValue: 'resource hasId',
    });
  return student;
}

function unownedNode(status: ClassStatus, t: Translate): Mutable {
  const id = `${ROOT}/unowned`;
  const list = status.unowned.resources;
  const unowned = node(undefined, {
    kind: 'unowned',
    id,
    label: t('Owned by no student'),
    description: t('{0} resources · {1}', list.length, formatRate(status.unowned.hourlyUsd, USD, t)),
    icon: { id: 'question' },
  });
  for (const r of list)
    node(unowned, {
      kind: 'resource',
      id: `${id}/${r.id}`,
      label: r.name ?? r.id,
      description: `${runningKindText(r.kind, t)}${r.hourlyUsd > 0 ? ` · ${formatRate(r.hourlyUsd, USD, t, true)}` : ''}`,
      tooltip: mdText(r.id),
      contextValue: 'resource hasId',
    });
  return unowned;
}

/** Every node, depth first (tests, reveal). */
export function* walkClass(nodes: readonly ClassNode[]): Generator<ClassNode> {
  for (const n of nodes) {
    yield n;
    yield* walkClass(n.children);
  }
}
