// A class in one account (seed 003), as `practice serve --class N` seeds it: who the students are (user01…userNN),
// how far each got, how each made their resources, and what the lab's checks should find. Pure and deterministic
// (the same N, the same roster): classWorld.ts builds the records from it, tests and the bench read it.
//
// Stages go round in sixes, so a third of the class is done and every stage is there from six students on:
//   done, webServerOnly, done, wrongGroup, cloned, wrongPath
// and the last student of a class of two or more left leftovers. Within each stage every other student made
// everything by hand in the console (Name tags only, seed 003's names), the others through the lab's runners
// (the lab's tags, the student's among them). Every fourth done student also made Aurora (seed 003's track 2).

export type ClassStage =
  /** Track 4's VPC, webserver#1, the AMI "sampleapp userNN", webserver#2 from it, the ALB with both targets healthy and the web group admitting only the ALB's group. */
  | 'done'
  /** Track 4's VPC and webserver#1 only (the web group still open to the internet). */
  | 'webServerOnly'
  /** Up to webserver#2 from the AMI; no load balancer yet. */
  | 'cloned'
  /** As done, but the web group admits HTTP from the VPC's `default` group (picked in the console's source list) instead of the ALB's: both targets unhealthy, Target.Timeout. */
  | 'wrongGroup'
  /** As done, but the target group checks a path the servers do not have: both targets unhealthy, Target.ResponseCodeMismatch (404). */
  | 'wrongPath'
  /** Cleaned up all but webserver#1, stopped, and an Elastic IP left unattached (and the VPC and web group the instance keeps). */
  | 'leftovers';

const CYCLE: readonly ClassStage[] = ['done', 'webServerOnly', 'done', 'wrongGroup', 'cloned', 'wrongPath'];

export const CLASS_MIN = 1;
export const CLASS_MAX = 60;

/** The names seed 003 gives a student's resources (and, for what it does not name, the lab's seed003 layout). */
export interface ClassNames {
  readonly vpc: string;
  readonly keyPair: string;
  readonly webGroup: string;
  readonly webServer: string;
  readonly image: string;
  readonly clone: string;
  readonly loadBalancer: string;
  readonly albGroup: string;
  readonly targetGroup: string;
  readonly dbGroup: string;
  readonly dbSubnetGroup: string;
  readonly cluster: string;
  readonly writer: string;
  readonly reader: string;
  readonly elasticIp: string;
}

/**
 * What a step's check says: `passed`, or its status and reason code (`failed target.notHealthy`,
 * `waiting clone.missing`).
 */
export type StepVerdict = 'passed' | `failed ${string}` | `waiting ${string}`;

/** What the lab's checks should find for a student (step ids of src/lab/tracks.ts). */
export interface ClassExpectation {
  /** Every step of seed 003's handout (the lab's seed003 layout), in its order, with what its check says. */
  readonly steps: Readonly<Record<string, StepVerdict>>;
  /** Steps whose check passes (those of `steps` that pass). */
  readonly passes: readonly string[];
  /** The step that fails for the stage's own mistake, and why: missing (nothing built), stopped, or the targets' reason code. */
  readonly fails?: { readonly step: string; readonly reason: 'missing' | 'stopped' | TargetReason };
  /** How the targets of their target group are (absent: no load balancer). */
  readonly targets?: 'healthy' | TargetReason;
  /** Their instances running (EC2) and their Aurora DB instances (cost). */
  readonly runningInstances: number;
  readonly dbInstances: number;
}

export type TargetReason = 'Target.Timeout' | 'Target.ResponseCodeMismatch';

export interface ClassStudent {
  /** `user05`: the id their names carry and the runners' student tag holds. */
  readonly student: string;
  readonly stage: ClassStage;
  /** `console`: by hand (a Name tag only); `runner`: by the lab's runners (its tags, STUDENT_TAG among them). */
  readonly madeBy: 'console' | 'runner';
  readonly aurora: boolean;
  readonly names: ClassNames;
  /** The names of what was seeded for them (resources with a name; volumes, snapshots and listeners go with them). */
  readonly seeded: readonly string[];
  readonly expected: ClassExpectation;
}

export interface ClassRoster {
  readonly students: readonly ClassStudent[];
  /** Resources no student owns: the teacher's. */
  readonly unowned: readonly string[];
}

/** The teacher's own resources in the class's account (the default VPC). */
export const TEACHER = { instance: 'teacher-bastion', group: 'teacher-bastion-sg', keyPair: 'teacher-key' } as const;

/** `user05` for 5 (seed 003 writes userXX, two digits). */
export function classStudent(n: number): string {
  return `user${String(n).padStart(2, '0')}`;
}

export function classNames(student: string): ClassNames {
  return {
    vpc: `vpc-${student}`,
    keyPair: `1day-${student}`,
    webGroup: `web-${student}`,
    webServer: `webserver#1-${student}`,
    image: `sampleapp ${student}`,
    clone: `webserver#2-${student}`,
    loadBalancer: `elb-${student}`,
    albGroup: `alb-${student}`,
    targetGroup: `tg-elb-${student}`,
    dbGroup: `db-sg-${student}`,
    dbSubnetGroup: `db-subnetgroup-${student}`,
    cluster: `wp-${student}-cluster`,
    writer: `wp-${student}`,
    reader: `wp-${student}-slave`,
    elasticIp: `eip-${student}`,
  };
}

/** Throws a RangeError unless 1 ≤ n ≤ 60 (whole). */
export function checkClassSize(n: number): void {
  if (!Number.isInteger(n) || n < CLASS_MIN || n > CLASS_MAX)
    throw new RangeError(`a class has ${CLASS_MIN}-${CLASS_MAX} students, not ${n}`);
}

export function stageOf(index: number, size: number): ClassStage {
  return size >= 2 && index === size - 1 ? 'leftovers' : (CYCLE[index % CYCLE.length] as ClassStage);
}

/** Whether a student at this stage has the ALB (and its group alb-userNN). */
export function stageHasAlb(stage: ClassStage): boolean {
  return stage === 'done' || stage === 'wrongGroup' || stage === 'wrongPath';
}
const hasClone = (stage: ClassStage) => stageHasAlb(stage) || stage === 'cloned';

function seededNames(stage: ClassStage, aurora: boolean, names: ClassNames): string[] {
  const list = [names.vpc, names.webGroup, names.webServer];
  if (stage !== 'leftovers') list.push(names.keyPair);
  if (hasClone(stage)) list.push(names.image, names.clone);
  if (stageHasAlb(stage)) list.push(names.loadBalancer, names.albGroup, names.targetGroup);
  if (aurora) list.push(names.dbGroup, names.dbSubnetGroup, names.cluster, names.writer, names.reader);
  if (stage === 'leftovers') list.push(names.elasticIp);
  return list;
}

/**
 * Track 1 as seed 003 has it (1.1's snapshot is CreateImage's; no Elastic IPs, edit, tally or stopped server), at
 * each stage. What waits names what it waits for: the AMI (1.3), webserver#2 (the load balancer's steps), the ALB.
 */
function trackOne(stage: ClassStage): Record<string, StepVerdict> {
  const built = { '1.1': 'passed', '1.2': 'passed', '1.3': 'passed' } as const;
  switch (stage) {
    case 'done':
      return { ...built, '1.6': 'passed', '1.7': 'passed', '1.9': 'passed' };
    case 'webServerOnly':
    case 'leftovers':
      return {
        '1.1': 'failed snapshot.missing',
        '1.2': 'failed image.missing',
        '1.3': 'waiting image.missing',
        '1.6': 'waiting clone.missing',
        '1.7': 'waiting clone.missing',
        '1.9': 'waiting clone.missing',
      };
    case 'cloned':
      return { ...built, '1.6': 'failed alb.missing', '1.7': 'waiting alb.missing', '1.9': 'waiting alb.missing' };
    // The web group shut out of the ALB: the load balancer's steps fail (1.7 names the group); webserver#2, launched
    // right in webserver#1's group, passes 1.3 with a note, and so does webserver#1's 4.3.
    case 'wrongGroup':
      return {
        ...built,
        '1.6': 'failed target.notHealthy',
        '1.7': 'failed diagnosis.securityGroup',
        '1.9': 'failed secure.albNotAdmitted',
      };
    // The servers answer the app (the ALB, its targets all unhealthy, still sends to them) and only the ALB's group
    // reaches them: 1.9 passes.
    case 'wrongPath':
      return {
        ...built,
        '1.6': 'failed target.notHealthy',
        '1.7': 'failed diagnosis.healthCheckPath',
        '1.9': 'passed',
      };
  }
}

/** Every step of seed 003's handout for a student at a stage, in the handout's order (tracks 1, 2, 4). */
function verdictsOf(stage: ClassStage, aurora: boolean): Record<string, StepVerdict> {
  // Aurora without a failover yet (2.7 is the student's to do); without Aurora, nothing of track 2.
  const database: Record<string, StepVerdict> = aurora
    ? { '2.1': 'passed', '2.6': 'passed', '2.7': 'failed auroraFailover.none' }
    : { '2.1': 'failed dbSg.missing', '2.6': 'failed aurora.missing', '2.7': 'waiting aurora.missing' };
  // webserver#1 serves the sample app directly, or through the ALB once only its group may reach it; the leftover
  // one is stopped.
  const webTier: StepVerdict = stage === 'leftovers' ? 'failed webServer.notRunning' : 'passed';
  return { ...trackOne(stage), ...database, '4.1': 'passed', '4.2': 'passed', '4.3': webTier };
}

function expectationOf(stage: ClassStage, aurora: boolean): ClassExpectation {
  const steps = verdictsOf(stage, aurora);
  const passes = Object.keys(steps).filter((id) => steps[id] === 'passed');
  const base = { steps, passes, dbInstances: aurora ? 2 : 0 };
  switch (stage) {
    case 'done':
      return { ...base, targets: 'healthy', runningInstances: 2 };
    case 'webServerOnly':
      return { ...base, fails: { step: '1.2', reason: 'missing' }, runningInstances: 1 };
    case 'cloned':
      return { ...base, fails: { step: '1.6', reason: 'missing' }, runningInstances: 2 };
    case 'wrongGroup':
      return {
        ...base,
        fails: { step: '1.6', reason: 'Target.Timeout' },
        targets: 'Target.Timeout',
        runningInstances: 2,
      };
    case 'wrongPath':
      return {
        ...base,
        fails: { step: '1.6', reason: 'Target.ResponseCodeMismatch' },
        targets: 'Target.ResponseCodeMismatch',
        runningInstances: 2,
      };
    case 'leftovers':
      return { ...base, fails: { step: '4.3', reason: 'stopped' }, runningInstances: 0 };
  }
}

/** The class of `size` students (1-60): the same roster for the same size. */
export function classRoster(size: number): ClassRoster {
  checkClassSize(size);
  const seen = new Map<ClassStage, number>();
  let done = 0;
  const students = Array.from({ length: size }, (_, index): ClassStudent => {
    const student = classStudent(index + 1);
    const stage = stageOf(index, size);
    const ordinal = seen.get(stage) ?? 0;
    seen.set(stage, ordinal + 1);
    const aurora = stage === 'done' && done++ % 4 === 0;
    const names = classNames(student);
    return {
      student,
      stage,
      madeBy: ordinal % 2 === 0 ? 'console' : 'runner',
      aurora,
      names,
      seeded: seededNames(stage, aurora, names),
      expected: expectationOf(stage, aurora),
    };
  });
  return { students, unowned: [TEACHER.instance, TEACHER.group, TEACHER.keyPair] };
}
