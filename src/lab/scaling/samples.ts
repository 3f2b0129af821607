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
