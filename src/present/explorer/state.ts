// What the explorer is asked to show: nothing yet, loading, an inventory, or a failure (keeping the last
// inventory); who the account is before the first snapshot; and the lab's diagnoses of unhealthy targets (1.7).
import type { AwsProblem } from '../../aws/errors';
import type { Inventory } from '../../aws/types';
import type { Fix, Reason } from '../../lab/types';

/** Why a target is not healthy (1.7), from the lab's checks: every cause found, and the fixes for them. */
export interface TargetDiagnosis {
  readonly causes: readonly Reason[];
  readonly fixes: readonly Fix[];
}

/** Diagnoses keyed by target group ARN and target id. */
export type TargetDiagnoses = ReadonlyMap<string, TargetDiagnosis>;

export const diagnosisKey = (targetGroupArn: string, targetId: string) => `${targetGroupArn}|${targetId}`;

/** Who and where, known before the first snapshot (from settings or the resolved account). */
export interface AccountHint {
  readonly kind: 'practice' | 'aws';
  readonly profile?: string;
  readonly region?: string;
  readonly endpoint?: string;
}

export type ExplorerState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly account?: AccountHint }
  | { readonly status: 'loaded'; readonly inventory: Inventory }
  | {
      readonly status: 'failed';
      readonly problem: AwsProblem;
      readonly account?: AccountHint;
      /** The last snapshot of the same account: a failed refresh keeps it on screen under the error. */
      readonly previous?: Inventory;
    };
