// The scaling watch's samples (Contract 6): what the VS Code chart draws and the CLI prints.
// Plain data only (JSON-serialisable); filled by watch.ts, the load generator adds its rate.

import type { AlarmState } from '../../aws/types';
export type { AlarmState };

export interface ScalingInstanceSample {
  readonly id: string;
  readonly az: string;
  readonly lifecycle: string;
  readonly health: string;
  readonly targetHealth?: string;
}

export interface ScalingSample {
  /** Epoch ms. */
  readonly at: number;
  /** The group's average CPU (%), latest datapoint. */
  readonly cpuAverage?: number;
  readonly alarms: readonly {
    readonly name: string;
    readonly state: AlarmState;
    readonly threshold: number;
    readonly comparison: string;
  }[];
  readonly desired: number;
  readonly inService: number;
  readonly min: number;
  readonly max: number;
  readonly instances: readonly ScalingInstanceSample[];
  /** The load generator's, when one runs. */
  readonly requestsPerSecond?: number;
  /** The latest activity's description, AWS's words. */
  readonly activity?: string;
}

export interface ScalingTimeline {
  readonly groupName: string;
  readonly samples: readonly ScalingSample[];
  readonly thresholds: { readonly high?: number; readonly low?: number; readonly target?: number };
}

/** 3.4's record: the load, and how long each part of the scale-out and the scale-in took (seconds from its start). */
export interface ScalingExercise {
  readonly groupName: string;
  /** Epoch ms. */
  readonly loadStartedAt: number;
  readonly loadStoppedAt?: number;
  /**
   * Desired capacity before the load, right after its first scale-out, at its peak, and after the scale-in. The
   * peak may be one more than the first scale-out: the high alarm stays in ALARM until a period without the load
   * is evaluated, and invokes its policy again each period once the cooldown is over (as on AWS).
   */
  readonly desiredBefore: number;
  readonly desiredOut?: number;
  readonly desiredPeak: number;
  readonly desiredAfter?: number;
  /** From the load's start: the high alarm in ALARM, the desired capacity up, the new instance healthy. */
  readonly alarmSeconds?: number;
  readonly scaledOutSeconds?: number;
  readonly healthySeconds?: number;
  /** The instance the scale-out added. */
  readonly newInstanceId?: string;
  /** From the load's stop: the desired capacity back down. */
  readonly scaledInSeconds?: number;
  readonly requests: { readonly sent: number; readonly answered: number; readonly failed: number };
  /** Requests per second at the highest. */
  readonly peakRequestsPerSecond: number;
}

/** 3.5's record: the instance terminated by hand, its replacement, and how long the group took to heal. */
export interface SelfHealing {
  readonly groupName: string;
  readonly terminatedId: string;
  readonly replacementId?: string;
  readonly healSeconds: number;
}
