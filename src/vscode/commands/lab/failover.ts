// The failover chart while 2.5 or 2.7 runs: the site is requested through the load balancer (else the web server)
// at a steady pace from the moment the run starts until the database is back and the site answers again;
// the chart follows live, and its last word says where the database moved (the outcome's check).
import { failoverPace, watchSite } from '../../../lab/failover';
import { findRoles, instanceHost } from '../../../lab/roles';
import type { StepContext, StepId, StepOutcome } from '../../../lab/types';
import { practiceSpeedFactor } from '../../settings/read';
import type { CommandDeps } from '../deps';

/** Enough requests for the longest failover at AWS's pace (a quarter of an hour), whatever happens. */
const MAX_REQUESTS = 450;

export interface FailoverChart {
  /** Starts watching the site while `run` goes on; resolves when the watch is over. */
  watch(run: Promise<StepOutcome>, ctx: StepContext): Promise<void>;
}

/** Where the student reaches the site: the load balancer's DNS name, else the web server's address. */
export function siteHost(deps: CommandDeps): string | undefined {
  const input = deps.lab.input;
  if (!input) return undefined;
  const roles = findRoles(input.inventory, input.observations, input.layout);
  return roles.loadBalancer?.dnsName ?? (roles.webServer ? instanceHost(roles.webServer) : undefined);
}

export function failoverChart(deps: CommandDeps, id: StepId): FailoverChart | undefined {
  if (id !== '2.5' && id !== '2.7') return undefined;
  const host = siteHost(deps);
  if (!host) return undefined;
  const before = beforeText(deps, id);
  return {
    watch: (run, ctx) =>
      chartWhile(deps, id === '2.7' ? 'auroraFailover' : 'failover', host, run, ctx, (outcome) =>
        movedText(id, before, outcome),
      ),
  };
}

/**
 * Opens the failover chart on `host` and follows the site while `run` goes on; its last word is `said` of the
 * run's result (nothing when the run failed). Resolves when the watch is over.
 */
export async function chartWhile<T>(
  deps: CommandDeps,
  what: 'failover' | 'reboot' | 'auroraFailover',
  host: string,
  run: Promise<T>,
  ctx: StepContext,
  said: (outcome: T) => string | undefined,
): Promise<void> {
  const pace = await paceFor(deps);
  deps.failover.open(what, host);
  const watched = await watchSite(ctx.web, host, '/', {
    ...pace,
    until: run,
    maxRequests: MAX_REQUESTS,
    signal: ctx.signal,
    onSample: (w) => deps.failover.update(w, true),
  });
  const outcome = await run.catch(() => undefined);
  deps.failover.update(watched, false, outcome !== undefined ? said(outcome) : undefined);
}

/** Where the database ran (2.5: the primary's AZ; 2.7: the writer) before the run. */
function beforeText(deps: CommandDeps, id: StepId): string | undefined {
  const results = deps.lab.current.results;
  const facts = (step: StepId) => {
    const r = results.get(step);
    return r?.status === 'passed' ? r.facts : undefined;
  };
  return id === '2.5' ? facts('2.4')?.az : facts('2.6')?.writer;
}

function movedText(id: StepId, before: string | undefined, outcome: StepOutcome): string | undefined {
  const facts = outcome.check.status === 'passed' ? outcome.check.facts : undefined;
  const after = id === '2.5' ? facts?.az : facts?.writer;
  if (!after) return undefined;
  return before && before !== after ? `${before} → ${after}` : after;
}

/** AWS's pace, or the practice account's scaled by its speed. */
async function paceFor(deps: CommandDeps): Promise<{ intervalMs: number; timeoutMs: number; tailMs: number }> {
  const { account } = await deps.service.session();
  if (account.kind !== 'practice') return failoverPace();
  return failoverPace(practiceSpeedFactor(deps.settings.current.practice.speed));
}
