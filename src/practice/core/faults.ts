// Faults on demand, for tests and demos: the next N calls of an action fail the way AWS fails.
import { PRACTICE_USER_ARN } from './constants';
import { PracticeError } from './errors';
import type { Dialect } from './protocol';

export type Fault = {
  /** "DescribeInstances", "ec2:DescribeInstances", "ec2:*" or "*". */
  action: string;
  /**
   * `drop`: the connection closes before the action runs. `replyLost`: the action runs (the account changes) and the
   * connection closes before the answer, as when a reply is lost on the way. A `count` above the SDK's attempts
   * (3 by default) makes a call fail past its retries.
   */
  kind: 'throttle' | 'internal' | 'accessDenied' | 'latency' | 'drop' | 'replyLost';
  /** How many calls it hits (default 1). */
  count?: number;
  /** For `latency` (default 1000). */
  latencyMs?: number;
};

export class FaultQueue {
  private readonly pending: { fault: Fault; remaining: number }[] = [];

  add(fault: Fault): void {
    const remaining = fault.count ?? 1;
    if (remaining > 0) this.pending.push({ fault, remaining });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The fault hitting this call, if any (first injected first), counting it down. */
  take(service: string, action: string): Fault | undefined {
    const index = this.pending.findIndex(({ fault }) =>
      [action, '*', `${service}:${action}`, `${service}:*`].includes(fault.action),
    );
    const entry = this.pending[index];
    if (!entry) return undefined;
    if (--entry.remaining <= 0) this.pending.splice(index, 1);
    return entry.fault;
  }
}

/** The error AWS answers for a fault kind, in the service's dialect. */
export function faultError(
  kind: 'throttle' | 'internal' | 'accessDenied',
  dialect: Dialect,
  service: string,
  action: string,
): PracticeError {
  const ec2 = dialect === 'ec2';
  switch (kind) {
    case 'throttle':
      return ec2
        ? new PracticeError('RequestLimitExceeded', 'Request limit exceeded.', 503)
        : new PracticeError('Throttling', 'Rate exceeded', 400);
    case 'internal':
      return ec2
        ? new PracticeError('InternalError', 'An internal error has occurred', 500)
        : new PracticeError(
            'InternalFailure',
            'The request processing has failed because of an unknown error, exception or failure.',
            500,
          );
    case 'accessDenied': {
      const denial = `User: ${PRACTICE_USER_ARN} is not authorized to perform: ${service}:${action} because no identity-based policy allows the ${service}:${action} action`;
      return ec2
        ? new PracticeError('UnauthorizedOperation', `You are not authorized to perform this operation. ${denial}`, 403)
        : new PracticeError('AccessDenied', denial, 403);
    }
  }
}
