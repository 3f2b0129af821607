// Words for the values AWS and the probes put into the lab's reasons (states, status checks, why a page gave no
// answer, ports): the sentences of src/present/lab/ never show a raw `unhealthy` or `timeout`, in either language.
// Also how those sentences read a code's arguments (arg), shared by reasons, fixes, options and progress.
import type { Translate } from '../translate';
import { stateText } from '../explorer/text';

/** A code's arguments (Reason, Fix, StepProgress, an option's). */
export type Args = Readonly<Record<string, string | number>> | undefined;
/** One code's arguments, read by key: '' for a missing one, so a sentence never says "undefined". */
export type ArgOf = (key: string) => string;

export const arg = (args: Args, key: string): string => {
  const v = args?.[key];
  return v === undefined ? '' : String(v);
};

/** "TCP 80", "TCP 1024-65535", "all traffic". */
export function portText(protocol: string, from: string, to: string, t: Translate): string {
  if (protocol === '-1' || protocol === 'all') return t('all traffic');
  const range = from === to || to === '' ? from : `${from}-${to}`;
  return `${protocol.toUpperCase()} ${range}`;
}

/**
 * Why a page gave no answer: the web probe's words (PageObservation.error), a Node error code (My IP), or an
 * HTTP status. Unknown words pass through, so a new cause is never hidden.
 */
export function pageErrorText(error: string, t: Translate): string {
  switch (error) {
    case 'timeout':
    case 'ETIMEDOUT':
    case 'TimeoutError':
      return t('timed out');
    case 'refused':
    case 'ECONNREFUSED':
      return t('connection refused');
    case 'reset':
    case 'ECONNRESET':
    case 'EPIPE':
      return t('connection reset');
    case 'dns':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return t('name not found (DNS)');
    case 'unreachable':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return t('network unreachable');
    case 'failed':
      return t('no answer');
    case 'unknown':
      return t('cause unknown');
    case 'error':
      return t('network error');
  }
  return /^\d{3}$/.test(error) ? `HTTP ${error}` : error;
}

/** An EC2 status check's value (DescribeInstanceStatus: ok, initializing, impaired, ...). */
export function statusCheckText(value: string, t: Translate): string {
  switch (value) {
    case 'ok':
      return t('passed');
    case 'initializing':
      return t('initializing');
    case 'impaired':
      return t('impaired');
    case 'insufficient-data':
      return t('insufficient data');
    case 'not-applicable':
      return t('not applicable');
  }
  return value;
}

/** What a wait waits for (waits.ts): a state, or 'ok' for the two status checks. */
export function waitGoalText(state: string, t: Translate): string {
  return state === 'ok' ? t('ready (2/2 status checks passed)') : stateText(state, t);
}
