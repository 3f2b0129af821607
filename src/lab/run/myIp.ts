// 0.1's "My IP" (SSH from the student's address), as the console finds it: checkip.amazonaws.com. The practice
// account answers it itself; every other account asks the real internet, also behind an endpoint URL (LocalStack,
// a company proxy), which speaks the AWS APIs only and cannot answer it.
import { reason } from '../codes';
import type { Run } from './kit';
import { StepError, type Reason } from '../types';

/** Where the console's "My IP" asks: Amazon's checkip, on the real internet. */
export const CHECKIP_URL = 'https://checkip.amazonaws.com/';

/**
 * The student's public IPv4 address from an answer of checkip: the address, or why there is none (no answer, an
 * error status, or a body that is no address, as a proxy's or LocalStack's page would be).
 */
export function myIpFrom(answer: {
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}): { ip: string } | { reason: Reason } {
  const ip = answer.body?.trim() ?? '';
  if (answer.status === 200 && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return { ip };
  if (answer.status === undefined) return { reason: reason('run.myIpUnknown', { error: answer.error ?? 'error' }) };
  if (answer.status !== 200) return { reason: reason('run.myIpUnknown', { error: `HTTP ${answer.status}` }) };
  return { reason: reason('run.myIpNotAnAddress', { answer: ip.slice(0, 40) }) };
}

/** checkip over HTTPS on the real internet (not through an endpoint URL, which only speaks the AWS APIs). */
export async function fetchCheckIp(
  signal: AbortSignal,
  url = CHECKIP_URL,
  timeoutMs = 5000,
): Promise<{ status?: number; body?: string; error?: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
    return { status: res.status, body: (await res.text()).slice(0, 200) };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const e = error as { name?: string; cause?: { code?: string } };
    return { error: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name ?? 'error') };
  }
}

/**
 * The student's public IPv4 address as /32, as the console's "My IP" finds it. The practice account answers
 * checkip itself (through the web probe); any other account asks the real checkip, also behind an endpoint URL.
 */
export function checkIpVia(account: { readonly kind: 'practice' | 'aws' }): 'webProbe' | 'internet' {
  return account.kind === 'practice' ? 'webProbe' : 'internet';
}

export async function myIpCidr(run: Run): Promise<string> {
  const answer =
    checkIpVia(run.ctx.clients.account) === 'webProbe'
      ? await run.ctx.web.fetch('checkip.amazonaws.com', '/', { signal: run.ctx.signal })
      : await fetchCheckIp(run.ctx.signal);
  const found = myIpFrom(answer);
  if ('reason' in found) throw new StepError(run.step, found.reason);
  return `${found.ip}/32`;
}
