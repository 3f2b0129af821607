// The lab as data: tracks 0 to 4 of LAB.md, in order, with what each step builds on.
import type { LayoutId } from './layout';
import type { LabStep, StepId, TrackId } from './types';

export const STEPS: readonly LabStep[] = Object.freeze([
  { id: '0.1', track: '0', after: [], observes: true, runnable: true },
  { id: '0.2', track: '0', after: ['0.1'], observes: true, runnable: true },
  { id: '1.1', track: '1', after: ['0.1'], observes: false, runnable: true },
  { id: '1.2', track: '1', after: ['1.1'], observes: false, runnable: true },
  { id: '1.3', track: '1', after: ['1.2'], observes: false, runnable: true },
  { id: '1.4', track: '1', after: ['1.3'], observes: false, runnable: true },
  // Not runnable in the editor: the student edits the page in a tab over SSH (the point of the step). The
  // runner (src/lab/runEdit.ts) still does it for `scale-out-lab run 1.5` and for track runs.
  { id: '1.5', track: '1', after: ['1.3'], observes: true, runnable: false },
  { id: '1.6', track: '1', after: ['1.3'], observes: false, runnable: true },
  { id: '1.7', track: '1', after: ['1.6'], observes: true, runnable: true },
  { id: '1.8', track: '1', after: ['1.6', '1.5'], observes: true, runnable: true },
  { id: '1.9', track: '1', after: ['1.6'], observes: true, runnable: true },
  { id: '1.10', track: '1', after: ['1.6'], observes: false, runnable: true },
  // Track 2, a redundant database (seeds 002, 003, 004): inside whichever VPC the web tier runs in.
  { id: '2.1', track: '2', after: ['0.1'], observes: false, runnable: true },
  { id: '2.2', track: '2', after: ['2.1'], observes: false, runnable: true },
  // WordPress's setup is the student's, in a browser (seed 004 §5): checked, never done for them.
  { id: '2.3', track: '2', after: ['2.2'], observes: true, runnable: false },
  { id: '2.4', track: '2', after: ['2.2'], observes: false, runnable: true },
  { id: '2.5', track: '2', after: ['2.4'], observes: false, runnable: true },
  // Seed 003's Aurora variant: a cluster of its own, beside or instead of 2.2's RDS MySQL.
  { id: '2.6', track: '2', after: ['2.1'], observes: false, runnable: true },
  { id: '2.7', track: '2', after: ['2.6'], observes: false, runnable: true },
  // Track 3, Auto Scaling (seed 002): a launch template from the lab's AMI, a group behind track 1's target group.
  { id: '3.1', track: '3', after: ['1.2'], observes: false, runnable: true },
  { id: '3.2', track: '3', after: ['3.1', '1.6'], observes: false, runnable: true },
  { id: '3.3', track: '3', after: ['3.2'], observes: false, runnable: true },
  { id: '3.4', track: '3', after: ['3.3'], observes: false, runnable: true },
  { id: '3.5', track: '3', after: ['3.2'], observes: false, runnable: true },
  // Track 4, a network from scratch (seed 004 §1). Its own VPC, so it needs nothing of tracks 0-1.
  { id: '4.1', track: '4', after: [], observes: false, runnable: true },
  { id: '4.2', track: '4', after: ['4.1'], observes: false, runnable: false },
  // Seed 004 §2; track 1's steps then run inside Test-VPC with the Test-VPC layout's names (layout.ts).
  { id: '4.3', track: '4', after: ['4.2'], observes: true, runnable: true },
  // Seed 002's "what I left undone": the web servers in the private subnets, behind track 1's load balancer.
  { id: '4.4', track: '4', after: ['4.3', '1.6'], observes: true, runnable: true },
] satisfies LabStep[]);

export const TRACKS: readonly TrackId[] = ['0', '1', '2', '3', '4'];

const BY_ID = new Map(STEPS.map((s) => [s.id, s]));

export function stepById(id: StepId): LabStep {
  const step = BY_ID.get(id);
  if (!step) throw new RangeError(`unknown lab step: ${id}`);
  return step;
}

export function isStepId(text: string): text is StepId {
  return BY_ID.has(text as StepId);
}

/**
 * Steps a handout has no place for. Handout 004's servers serve WordPress from the database: both answer the same
 * page, so there is no page of the clone to edit (1.5; an index.html would even hide WordPress's front page) and
 * no answer to tell apart per server (1.8). The target group's health says both serve.
 */
const NOT_IN_HANDOUT: Readonly<Record<LayoutId, readonly StepId[]>> = {
  defaultVpc: [],
  testVpc: ['1.5', '1.8'],
  seed001: [],
  // Seed 003 (a class in one account), step by step against its text:
  // - 0.1, 0.2: its web server is webserver#1 in the student's own vpc-userXX (4.3), not WebServer in the default
  //   VPC, and it never allocates an Elastic IP ("自動割り当てパブリックIP 有効化", reached by its public DNS).
  // - 1.1 stays: "イメージの作成" of webserver#1 snapshots its root volume (CreateImage's snapshot passes 1.1).
  // - 1.4: no Elastic IP for webserver#2 either (its public DNS shows the sample app).
  // - 1.5, 1.8: both servers run the same sample app from the same AMI: nothing to edit, no answer per server to
  //   tell apart (the handout tails nginx's access log instead).
  // - 1.10: no server is stopped to watch the ALB keep answering.
  // - 2.1 stays: its Aurora sits in the private subnets 10.0.2.x/10.0.3.x (a DB subnet group over them) and the web
  //   servers connect to it on 3306 (a group admitting the web group), which 2.6 needs. 2.2-2.5 are RDS MySQL's
  //   and WordPress's (seed 004): seed 003's database is Aurora, its replica and failover (2.6, 2.7).
  // - Track 3: no Auto Scaling. 4.4: its web servers stay in the public subnets behind the ALB.
  seed003: [
    '0.1',
    '0.2',
    '1.4',
    '1.5',
    '1.8',
    '1.10',
    '2.2',
    '2.3',
    '2.4',
    '2.5',
    '3.1',
    '3.2',
    '3.3',
    '3.4',
    '3.5',
    '4.4',
  ],
};

/** A step a handout has no place for, and the one doing its part there (what a check waiting on it waits on). */
const STANDS_IN: Readonly<Partial<Record<LayoutId, Partial<Record<StepId, StepId>>>>> = {
  // Seed 003's web server is 4.3's webserver#1: what waits for 0.1 waits for it.
  seed003: { '0.1': '4.3' },
};

export function inHandout(id: StepId, layout: LayoutId | undefined): boolean {
  return !layout || !NOT_IN_HANDOUT[layout].includes(id);
}

/** The step of the handout a step stands for: itself, or (not in the handout) the one doing its part there. */
export function handoutStep(id: StepId, layout: LayoutId | undefined): StepId {
  return (layout && STANDS_IN[layout]?.[id]) ?? id;
}

/** The lab's steps as the handout a student follows has them (every step when none is said). */
export function labSteps(layout?: LayoutId): readonly LabStep[] {
  return layout ? STEPS.filter((s) => inHandout(s.id, layout)) : STEPS;
}

export function stepsOfTrack(track: TrackId, layout?: LayoutId): readonly LabStep[] {
  return labSteps(layout).filter((s) => s.track === track);
}
