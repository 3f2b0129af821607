// What every check shares: building a result from the problems found, and judging an instance's page from the
// observations (directly, or through the load balancer once 1.9 closed direct access).
import type { Instance, Inventory, InventoryProblem, InventorySection } from '../../aws/types';
import { reason } from '../codes';
import { instanceHost, pageVariant, servesLabPage, type LabRoles } from '../roles';
import { groupsOf, knowsGroups, openToInternet } from './securityRules';
import type { CheckInput, CheckResult, Fix, PageSample, PageVariant, Reason, StepId } from '../types';

/** One thing wrong, with the fixes for it. */
export interface Problem {
  readonly reason: Reason;
  readonly fixes?: readonly Fix[];
}

export function passed(
  step: StepId,
  facts: Record<string, string | number | undefined> = {},
  notes: readonly Reason[] = [],
): CheckResult {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(facts)) if (v !== undefined) out[k] = String(v);
  return { step, status: 'passed', facts: out, ...(notes.length > 0 ? { notes } : {}) };
}

/** The sections of the inventory that failed to load, among those given. */
export function unreadable(inv: Inventory, sections: readonly InventorySection[]): InventoryProblem[] {
  return inv.problems.filter((p) => sections.includes(p.section));
}

/** What a problem says in a reason's arguments (strings only; the AwsProblem itself rides on the result). */
export function unreadableReason(p: InventoryProblem): Reason {
  const e = p.error;
  const detail =
    'action' in e && e.action !== p.action ? e.action : 'code' in e ? e.code : 'profile' in e ? (e.profile ?? '') : '';
  return reason('account.unreadable', { section: p.section, action: p.action, problem: e.kind, detail });
}

/** Neither passed nor failed: the account could not be read where this step looks. */
export function unknown(step: StepId, problems: readonly InventoryProblem[]): CheckResult {
  const first = problems[0];
  if (!first) throw new Error(`unknown(${step}) without a problem`);
  return { step, status: 'unknown', reason: unreadableReason(first), problems };
}

export function waiting(step: StepId, on: StepId, why: Reason): CheckResult {
  return { step, status: 'waiting', on, reason: why };
}

/** Failed with the first problem as the reason; every problem in details, every fix once. */
export function failed(step: StepId, problems: readonly Problem[]): CheckResult {
  const first = problems[0];
  if (!first) throw new Error(`failed(${step}) without a problem`);
  const fixes: Fix[] = [];
  const seen = new Set<string>();
  for (const p of problems) {
    for (const f of p.fixes ?? []) {
      const key = `${f.code}${JSON.stringify(f.args)}`;
      if (!seen.has(key)) {
        seen.add(key);
        fixes.push(f);
      }
    }
  }
  return {
    step,
    status: 'failed',
    reason: first.reason,
    fixes,
    ...(problems.length > 1 ? { details: problems.map((p) => p.reason) } : {}),
  };
}

export function resultOf(
  step: StepId,
  problems: readonly Problem[],
  facts: Record<string, string | number | undefined> = {},
  notes: readonly Reason[] = [],
): CheckResult {
  if (problems.length === 0) return passed(step, facts, notes);
  const result = failed(step, problems);
  return notes.length > 0 && result.status === 'failed' ? { ...result, notes } : result;
}

/** The load balancer's answers (every sample, or the single observation). */
/** A page served: 200, or WordPress redirecting to its setup (handout 004 before 2.3), which is its server answering. */
export function answered(sample: PageSample): boolean {
  return sample.status === 200 || sample.variant === 'wordpress';
}

/** The judged load balancer's DNS name: the ALB's, or seed 001's Classic Load Balancer's. */
export function balancerHost(roles: LabRoles): string | undefined {
  return roles.loadBalancer?.dnsName ?? roles.classicLoadBalancer?.dnsName;
}

export function loadBalancerSamples(input: CheckInput, roles: LabRoles): PageSample[] {
  const host = balancerHost(roles);
  if (!host) return [];
  const seen = input.observations.get(`${host}/`);
  if (!seen) return [];
  if (seen.samples && seen.samples.length > 0) return [...seen.samples];
  return [
    {
      ...(seen.status !== undefined ? { status: seen.status } : {}),
      ...(seen.servedBy ? { servedBy: seen.servedBy } : {}),
      ...(seen.error ? { error: seen.error } : {}),
      variant: pageVariant(seen.body, seen.location),
    },
  ];
}

/** The page an instance serves, as the student sees it. */
export type PageJudgement =
  | { readonly ok: true; readonly variant: PageVariant; readonly via: 'direct' | 'loadBalancer' }
  | { readonly ok: false; readonly problem: Problem };

/**
 * Whether direct requests to an instance are closed on purpose (step 1.9): a load balancer exists and the
 * instance's groups admit HTTP from no whole-internet source. Its page is then judged through the load balancer.
 */
export function closedToInternet(inv: Inventory, roles: LabRoles, instance: Instance): boolean {
  const ids = instance.securityGroups.map((g) => g.id);
  return balancerHost(roles) !== undefined && knowsGroups(inv, ids) && !openToInternet(groupsOf(inv, ids), 80);
}

/**
 * Judges an instance's page: its own address first; when that gives no answer (1.9 closed it on purpose), the
 * load balancer's answers from that instance (X-Served-By), or on AWS, where nothing says who answered, the
 * answers of the variant this instance is expected to serve. Once direct access is closed, the advice never
 * says to open it again (that would undo 1.9).
 */
export function judgePage(
  input: CheckInput,
  roles: LabRoles,
  instance: Instance,
  expected: PageVariant,
  host = instanceHost(instance),
): PageJudgement {
  const name = instance.name ?? instance.id;
  const closed = closedToInternet(input.inventory, roles, instance);
  const lbHost = balancerHost(roles) ?? '';
  if (!host && !closed)
    return { ok: false, problem: { reason: reason('webServer.noAddress', { id: instance.id, name }) } };
  const seen = host ? input.observations.get(`${host}/`) : undefined;
  // Handout 004's web tier: WordPress, set up or still asking for its setup (a redirect), serves this server.
  if (seen && pageVariant(seen.body, seen.location) === 'wordpress')
    return { ok: true, variant: 'wordpress', via: 'direct' };
  if (seen?.status === 200) {
    const variant = pageVariant(seen.body);
    if (!servesLabPage(variant, input.layout)) {
      // Seed 003's page is its sample app, not the CPS page: the reason says that no app answers.
      const code = input.layout === 'seed003' ? 'page.noApp' : 'page.wrong';
      return { ok: false, problem: { reason: reason(code, { name, host }) } };
    }
    return { ok: true, variant, via: 'direct' };
  }
  if (seen?.status !== undefined)
    return { ok: false, problem: { reason: reason('page.status', { name, host, status: seen.status }) } };
  const samples = loadBalancerSamples(input, roles);
  const viaLb = samples.filter(answered);
  const mine = viaLb.filter((s) => s.servedBy === instance.id);
  // Seed 003's two servers answer the same sample app: any of its pages is the expected one.
  const isExpected = (v: PageVariant | undefined) =>
    v === expected || (input.layout === 'seed003' && servesLabPage(v, input.layout));
  const attributed = mine.length > 0 ? mine : viaLb.filter((s) => s.servedBy === undefined && isExpected(s.variant));
  const first = attributed[0];
  if (first?.variant && servesLabPage(first.variant, input.layout))
    return { ok: true, variant: first.variant, via: 'loadBalancer' };
  if (!seen && host) return { ok: false, problem: { reason: reason('observation.missing', { host, path: '/' }) } };
  if (closed) {
    if (samples.length === 0)
      return { ok: false, problem: { reason: reason('observation.missing', { host: lbHost, path: '/' }) } };
    // Same code as below, worded for a closed instance: the cause is behind the load balancer, not a rule to open.
    const error = seen?.error ?? samples[0]?.error ?? 'unknown';
    return {
      ok: false,
      problem: { reason: reason('page.unreachable', { name, host: host ?? '', error, via: lbHost }) },
    };
  }
  return {
    ok: false,
    problem: { reason: reason('page.unreachable', { name, host, error: seen?.error ?? 'unknown' }) },
  };
}
