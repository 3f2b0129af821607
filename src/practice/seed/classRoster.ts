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

/** What the lab's checks should find for a student (step ids of src/lab/tracks.ts). */
export interface ClassExpectation {
  /** Steps whose check passes. */
  readonly passes: readonly string[];
  /** The first step that fails, and why: missing (nothing built), stopped, or the targets' reason code. */
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

const NETWORK = ['4.1', '4.2'];
const CLONED = [...NETWORK, '4.3', '1.2', '1.3'];

function expectationOf(stage: ClassStage, aurora: boolean): ClassExpectation {
  const db = aurora ? { passesDb: ['2.1', '2.6'], dbInstances: 2 } : { passesDb: [], dbInstances: 0 };
  switch (stage) {
    case 'done':
      return {
        passes: [...CLONED, '1.6', '1.7', '1.9', ...db.passesDb],
        targets: 'healthy',
        runningInstances: 2,
        dbInstances: db.dbInstances,
      };
    case 'webServerOnly':
      return {
        passes: [...NETWORK, '4.3'],
        fails: { step: '1.2', reason: 'missing' },
        runningInstances: 1,
        dbInstances: 0,
      };
    case 'cloned':
      return { passes: CLONED, fails: { step: '1.6', reason: 'missing' }, runningInstances: 2, dbInstances: 0 };
    case 'wrongGroup':
      return {
        passes: CLONED,
        fails: { step: '1.6', reason: 'Target.Timeout' },
        targets: 'Target.Timeout',
        runningInstances: 2,
        dbInstances: 0,
      };
    case 'wrongPath':
      return {
        passes: CLONED,
        fails: { step: '1.6', reason: 'Target.ResponseCodeMismatch' },
        targets: 'Target.ResponseCodeMismatch',
        runningInstances: 2,
        dbInstances: 0,
      };
    case 'leftovers':
      return { passes: NETWORK, fails: { step: '4.3', reason: 'stopped' }, runningInstances: 0, dbInstances: 0 };
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
