// The lab as data: tracks, steps, what a check says, what a runner needs. No vscode, no sentences:
// reasons and fixes are codes with arguments; src/lab/text.ts turns them into words through a translator.
import type { AwsClients } from '../aws/clients';
import type { Instance, Inventory, InventoryProblem, InventoryScope } from '../aws/types';
import type { LayoutId } from './layout';
import type { ScalingExercise, ScalingTimeline, SelfHealing } from './scaling/samples';

export type TrackId = '0' | '1' | '2' | '3' | '4';
export type StepId =
  | '0.1'
  | '0.2'
  | '1.1'
  | '1.2'
  | '1.3'
  | '1.4'
  | '1.5'
  | '1.6'
  | '1.7'
  | '1.8'
  | '1.9'
  | '1.10'
  | '2.1'
  | '2.2'
  | '2.3'
  | '2.4'
  | '2.5'
  | '2.6'
  | '2.7'
  | '3.1'
  | '3.2'
  | '3.3'
  | '3.4'
  | '3.5'
  | '4.1'
  | '4.2'
  | '4.3'
  | '4.4';

/** A step of the lab as LAB.md numbers it. */
export interface LabStep {
  readonly id: StepId;
  readonly track: TrackId;
  /** Steps whose result this one builds on (their checks should pass first). */
  readonly after: readonly StepId[];
  /** Whether the check needs web observations (pages fetched over HTTP), not just the inventory. */
  readonly observes: boolean;
  /** False where the doing is elsewhere (1.5 edits over SSH, a later issue); the check still runs. */
  readonly runnable: boolean;
}

/** What a check says about one step. Pure function of the inventory (and web observations). */
export type CheckResult =
  | {
      readonly step: StepId;
      readonly status: 'passed';
      readonly facts?: Readonly<Record<string, string>>;
      /** Worth knowing though nothing is wrong (1.6: another lab-like load balancer that also bills). */
      readonly notes?: readonly Reason[];
    }
  | {
      readonly step: StepId;
      readonly status: 'failed';
      /** The first (most important) thing wrong. */
      readonly reason: Reason;
      readonly fixes: readonly Fix[];
      /** Every cause found, the first being `reason` (1.7: one or more per unhealthy target). */
      readonly details?: readonly Reason[];
      readonly notes?: readonly Reason[];
    }
  /** An earlier step's result is missing, so this one cannot be judged yet. */
  | { readonly step: StepId; readonly status: 'waiting'; readonly on: StepId; readonly reason: Reason }
  /**
   * A section of the account this step reads could not be loaded (throttled, denied, ...): neither passed nor
   * failed, since "not there" cannot be told from "not readable". `reason` is `account.unreadable` for the first.
   */
  | {
      readonly step: StepId;
      readonly status: 'unknown';
      readonly reason: Reason;
      readonly problems: readonly InventoryProblem[];
    };

/** Why a check failed (or waits), as a code with the facts a sentence needs. */
export interface Reason {
  readonly code: string;
  readonly args: Readonly<Record<string, string | number>>;
}

/** A one-click fix the UI may offer: a code the runner knows, with its parameters. */
export interface Fix {
  readonly code: string;
  readonly args: Readonly<Record<string, string | number>>;
}

/**
 * The CPS page as 0.1 wrote it, as 1.5 edits it, WordPress (handout 004's web tier), another app's HTML page (seed
 * 003's sample app), or anything else (a web server's default page, no HTML).
 */
export type PageVariant = 'vision' | 'vision2' | 'wordpress' | 'sampleApp' | 'other';

/** One of several answers to the same URL (a load balancer answers from different backends). */
export interface PageSample {
  readonly status?: number;
  readonly servedBy?: string;
  readonly variant?: PageVariant;
  readonly error?: string;
}

/** One HTTP observation of a page: an instance's public address or a load balancer's DNS name. */
export interface PageObservation {
  /** IP address or DNS name as the student would type it. */
  readonly host: string;
  readonly path: string;
  /** Set when an answer came back. */
  readonly status?: number;
  readonly body?: string;
  /** The instance that answered, when the endpoint says (practice account: X-Served-By). */
  readonly servedBy?: string;
  /** A redirect's target (3xx answers; not followed). */
  readonly location?: string;
  /** Set when no answer came back: "timeout" (as a security group makes it), "refused", "dns", ... */
  readonly error?: string;
  /** Pages asked for more than once (the load balancer): every answer, the first being the fields above. */
  readonly samples?: readonly PageSample[];
}

/** Pages fetched for the checks that observe, keyed by `${host}${path}`. */
export type Observations = ReadonlyMap<string, PageObservation>;

/** What a check needs besides the inventory: the pages it observed. */
export interface CheckInput {
  readonly inventory: Inventory;
  readonly observations: Observations;
  /** The handout the student follows (its names are looked for first); default: the default-VPC handouts. */
  readonly layout?: LayoutId;
}

/** Progress a runner reports: a message code with arguments, and how far along (0..1) when known. */
export interface StepProgress {
  readonly code: string;
  readonly args?: Readonly<Record<string, string | number>>;
  readonly fraction?: number;
}

/** How a runner reaches a web page (the practice account routes by Host header to its loopback port). */
export interface WebProbe {
  fetch(host: string, path: string, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<PageObservation>;
}

/** Everything a step runner gets. Runners are idempotent: run again, they find and finish what exists. */
export interface StepContext {
  readonly clients: AwsClients;
  /** The handout the student follows: its names are the runners' defaults (layout.ts). */
  readonly layout?: LayoutId;
  /**
   * A class sharing one account (seed 003): the student's user number. Every default name carries it, everything
   * a runner makes is tagged with it, and `inventory` reads that student's view.
   */
  readonly student?: string;
  /** A fresh snapshot of the account (runners re-read after they change it), of the sections asked for. */
  readonly inventory: (scope?: InventoryScope) => Promise<Inventory>;
  /** The last inventory the run read with its step's own sections (kept by the runner's context, run/kit.ts). */
  readonly lastRead?: () => Inventory | undefined;
  readonly web: WebProbe;
  readonly signal: AbortSignal;
  readonly progress: (p: StepProgress) => void;
  /**
   * Seconds between the SDK waiters' polls. Default: the SDK's own on AWS; 0.05..0.25 on the practice account
   * (or any endpoint URL), where transitions are fast and polls cost nothing.
   */
  readonly waitDelays?: { readonly minDelay: number; readonly maxDelay: number };
  /** Home directory for `~` in file options (0.1's key file); default os.homedir(). */
  readonly home?: string;
  /** SSH for 1.5 (the extension's shared connections); default a connection per run, host keys in ~/.scale-out-lab. */
  readonly ssh?: LabSsh;
  /** 1.8 and 1.10: the tally so far after each answer of the load balancer `host` (the extension's live chart). */
  readonly onTally?: (tally: Tally, host: string) => void;
  /**
   * What the student types and the lab never stores in clear (the CLI: SCALE_OUT_LAB_DB_PASSWORD or a prompt; the
   * extension: SecretStorage). Asked only when a database is created (2.2, 2.6); never an option, a log line, an
   * outcome or the state file. Missing or '' refuses the step (run.noDbPassword).
   */
  readonly secrets?: { databasePassword(): Promise<string | undefined> };
  /**
   * 2.5 and 2.7: a failover is starting (`started`, just before the call) or done (`done`, the database available
   * again), with what it moved (the database, its AZ or writer before and after): the extension charts the site
   * meanwhile.
   */
  readonly onFailover?: (phase: 'started' | 'done', facts: Readonly<Record<string, string>>) => void;
  /**
   * 3.4 and 3.5: the scaling watch's timeline after each of its samples (the group's CPU, alarms, sizes and
   * instances, the load's rate): the extension charts it.
   */
  readonly onScaling?: (timeline: ScalingTimeline) => void;
}

/** The file operations 1.5 needs on one instance (an SshSession has them). */
export interface LabSshSession {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, content: Uint8Array): Promise<unknown>;
}

/** SSH for the lab's runners: a session on an instance, released when the step is done with it. */
export interface LabSsh {
  open(
    instance: Instance,
    options: { readonly keyFile?: string; readonly signal: AbortSignal },
  ): Promise<{ session: LabSshSession; release(): void }>;
}

/**
 * Every resource a runner creates carries the lab's tag (its value names the lab: cleanup deletes only what carries
 * this exact value, never a resource that merely has the key), the step that made it, and a Name tag.
 */
export const LAB_TAG = 'scale-out-lab:lab';
/** The value of LAB_TAG on this lab's resources. */
export const LAB_ID = 'scale-out';
/** The step that made a resource (`0.1`, `1.6`, …). */
export const STEP_TAG = 'scale-out-lab:step';

/** Whether tags say the resource is this lab's (the tag's value, not only its key). */
export function isLabTagged(tags: Readonly<Record<string, string>>): boolean {
  return tags[LAB_TAG] === LAB_ID;
}

/** The step that made a resource of this lab, from its tags (undefined when it is not the lab's). */
export function labStepOf(tags: Readonly<Record<string, string>>): string | undefined {
  return isLabTagged(tags) ? tags[STEP_TAG] : undefined;
}

/**
 * 1.10's record, a tag on the load balancer: `passed` or `failed`, then the time (`passed 2026-11-23T10:00:00Z`).
 * On the account itself, so another computer, the CLI and the console all see it; the check also accepts an
 * instance of the target group restarted (stopped and started) after the load balancer existed.
 */
export const EXERCISE_TAG = 'scale-out-lab:exercise-1.10';

/** One choice a student makes before a step runs, with the handouts' default. */
export interface StepOption {
  readonly key: string;
  /** Message code of the question (text.ts words it). */
  readonly code: string;
  /** 'file': a path to write (0.1's .pem): the UI offers a save dialog. */
  readonly kind: 'text' | 'choice' | 'file';
  readonly default: string;
  /** For 'choice': the values, each with a message code for its label and a detail. */
  readonly choices?: readonly {
    readonly value: string;
    readonly code: string;
    readonly args?: Readonly<Record<string, string | number>>;
  }[];
}

/** What running a step would do now, from the current inventory: its options, or why it cannot run yet. */
export type StepPlan =
  | {
      readonly step: StepId;
      readonly ready: true;
      readonly options: readonly StepOption[];
      /** What the run will do besides what the options say (seed 001: stop WebServer, launch both servers). */
      readonly preview?: readonly Reason[];
    }
  | { readonly step: StepId; readonly ready: false; readonly reason: Reason };

export type StepOptions = Readonly<Record<string, string>>;

/** What a run did: the resources it created or found (ids), and the check right after. */
export interface StepOutcome {
  readonly step: StepId;
  readonly created: readonly string[];
  readonly reused: readonly string[];
  readonly check: CheckResult;
  /** 1.8: the answers tallied; 1.10: the answers while one instance was stopped. */
  readonly tally?: Tally;
  /** 1.10: what the availability exercise saw. */
  readonly exercise?: ExerciseResult;
  /** 3.4: the load and the times of the scale-out and the scale-in. */
  readonly scaling?: ScalingExercise;
  /** 3.5: the terminated instance, its replacement, the seconds to heal. */
  readonly healing?: SelfHealing;
  /** The observations the check after the run used (the UI may keep them until the next observe). */
  readonly observations?: Observations;
}

/** Answers from the load balancer, per backend (1.8's chart). */
export interface Tally {
  readonly requests: number;
  readonly answered: number;
  readonly failed: number;
  readonly byBackend: readonly {
    readonly instanceId?: string;
    readonly name?: string;
    readonly variant: string;
    readonly count: number;
  }[];
}

/** 1.10's record: which instance was stopped, and whether the load balancer kept answering meanwhile. */
export interface ExerciseResult {
  readonly stoppedInstanceId: string;
  readonly passed: boolean;
  /** Answers while the instance was stopped (all should come from the other one). */
  readonly whileStopped: Tally;
  /** ISO 8601, when the stopped instance was healthy again. */
  readonly healthyAgainAt?: string;
}

/** A step cannot run (or finish) for a reason the student can act on; runners throw it, the UI words `reason`. */
export class StepError extends Error {
  constructor(
    readonly step: StepId,
    readonly reason: Reason,
  ) {
    super(`${step}: ${reason.code} ${JSON.stringify(reason.args)}`);
    this.name = 'StepError';
  }

  /**
   * The extension's bundles (extension.js, domain.js, ssh.js) each carry this class: an error made in one is
   * caught in another, so `instanceof` judges by name and shape, not by which copy of the class made it.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === 'StepError' && 'reason' in value;
  }
}
