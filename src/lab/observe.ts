// The pages the checks look at, fetched the way a student's browser would: WebServer's and WebServer2's pages at
// their public addresses, the health-check path on each target, and the load balancer's DNS name several times
// (so both backends answer). Fetching is the only impure part; the checks read the result.
import type { Instance, Inventory, LoadBalancer } from '../aws/types';
import { namesOf, type LayoutId } from './layout';
import { findLabVpc, labVpcLoadBalancer } from './network';
import { findRoles, findWebTier, instanceHost, pageVariant } from './roles';
import { groupsOf, openToInternet } from './checks/securityRules';
import type { Observations, PageObservation, PageSample, StepId, Tally, WebProbe } from './types';

/** Answers asked of the load balancer per observation: enough for both of two backends to show up. */
export const LOAD_BALANCER_SAMPLES = 8;

export interface PageToObserve {
  readonly host: string;
  readonly path: string;
  /** Ask this many times (the load balancer); default 1. */
  readonly repeat?: number;
}

export const observationKey = (host: string, path: string) => `${host}${path}`;

/** 4.4's front: the DNS name of the lab VPC's load balancer (the lab's own when it is there). */
function labVpcLoadBalancerHost(inventory: Inventory, preferred?: LoadBalancer): string | undefined {
  const vpc = findLabVpc(inventory);
  return vpc ? labVpcLoadBalancer(inventory, vpc.id, preferred)?.dnsName : undefined;
}

/** 4.3's web server in the lab's VPC, if there is one. */
function webTierOf(inventory: Inventory, layout?: LayoutId): Instance | undefined {
  const vpc = findLabVpc(inventory);
  return vpc ? findWebTier(inventory, vpc, layout) : undefined;
}

export function pagesToObserve(inventory: Inventory, layout?: LayoutId): PageToObserve[] {
  const roles = findRoles(inventory, undefined, layout);
  const pages = new Map<string, PageToObserve>();
  const add = (page: PageToObserve) => {
    const key = observationKey(page.host, page.path);
    if (!pages.has(key)) pages.set(key, page);
  };
  const instances = [roles.webServer, roles.clone, webTierOf(inventory, layout)];
  const tg = roles.targetGroup;
  const clb = roles.classicLoadBalancer;
  for (const t of tg?.targets ?? clb?.instances ?? []) instances.push(inventory.instances.find((i) => i.id === t.id));
  for (const instance of instances) {
    const host = instance ? instanceHost(instance) : undefined;
    if (!instance || !host || instance.state !== 'running') continue;
    add({ host, path: '/' });
    const eip = inventory.elasticIps.find((e) => e.instanceId === instance.id);
    if (eip && eip.publicIp !== host) add({ host: eip.publicIp, path: '/' });
    const hcPath = tg?.targets.some((t) => t.id === instance.id)
      ? tg.healthCheck.path
      : clb?.instances.some((t) => t.id === instance.id)
        ? clb.healthCheck.path
        : undefined;
    if (hcPath && hcPath !== '/') add({ host, path: hcPath });
  }
  const lb = roles.loadBalancer;
  const front = lb?.dnsName ?? clb?.dnsName;
  if (front) add({ host: front, path: '/', repeat: LOAD_BALANCER_SAMPLES });
  const labVpcLb = labVpcLoadBalancerHost(inventory, lb);
  if (labVpcLb) add({ host: labVpcLb, path: '/', repeat: LOAD_BALANCER_SAMPLES });
  return [...pages.values()];
}

function sampleOf(o: PageObservation): PageSample {
  return {
    ...(o.status !== undefined ? { status: o.status } : {}),
    ...(o.servedBy ? { servedBy: o.servedBy } : {}),
    ...(o.error ? { error: o.error } : {}),
    ...(o.status !== undefined ? { variant: pageVariant(o.body, o.location) } : {}),
  };
}

/** Fetches one page `repeat` times in a row (a load balancer spreads consecutive requests over its targets). */
async function fetchRepeated(web: WebProbe, page: PageToObserve, signal?: AbortSignal): Promise<PageObservation> {
  const times = Math.max(1, page.repeat ?? 1);
  const first = await web.fetch(page.host, page.path, signal ? { signal } : {});
  if (times === 1) return first;
  const samples: PageSample[] = [sampleOf(first)];
  // A load balancer that does not answer at all will not answer the next time either: one timeout is enough.
  for (let i = 1; i < times && first.error !== 'timeout'; i++) {
    signal?.throwIfAborted();
    samples.push(sampleOf(await web.fetch(page.host, page.path, signal ? { signal } : {})));
  }
  return { ...first, samples };
}

/**
 * The pages one step's check reads (a runner checks its own step without fetching everything, and a page that
 * a security group blocks costs a whole timeout). The load balancer is added for an instance's page only when
 * the instance is closed to the internet (after 1.9), where its page is judged through the load balancer.
 */
export function pagesForStep(step: StepId, inventory: Inventory, layout?: LayoutId): PageToObserve[] {
  const roles = findRoles(inventory, undefined, layout);
  const all = pagesToObserve(inventory, layout);
  const lbHost = roles.loadBalancer?.dnsName ?? roles.classicLoadBalancer?.dnsName;
  const hostsOf = (i: Instance | undefined) =>
    new Set(
      i ? [instanceHost(i), ...inventory.elasticIps.filter((e) => e.instanceId === i.id).map((e) => e.publicIp)] : [],
    );
  const closed = (i: Instance | undefined) =>
    !!i &&
    !openToInternet(
      groupsOf(
        inventory,
        i.securityGroups.map((g) => g.id),
      ),
      80,
    );
  const rootOf = (instances: (Instance | undefined)[]) => {
    const hosts = new Set(instances.flatMap((i) => [...hostsOf(i)]));
    const withLb = instances.some(closed);
    return all.filter((p) => (p.path === '/' && hosts.has(p.host)) || (withLb && p.host === lbHost));
  };
  switch (step) {
    case '0.1':
    case '0.2':
      return rootOf([roles.webServer]);
    case '1.5':
      return rootOf([roles.webServer, roles.clone]);
    case '4.3':
      return rootOf([webTierOf(inventory, layout)]);
    case '2.3':
      // WordPress in handout 004's Test-VPC: its front page says whether it reached the database.
      return namesOf(layout).network === 'labVpc' ? rootOf([roles.webServer]) : [];
    case '4.4': {
      // The check asks whether the site answers through the load balancer: one answer says so (the targets'
      // health already says which servers it reaches).
      const host = labVpcLoadBalancerHost(inventory, roles.loadBalancer);
      return all.filter((p) => p.host === host).map((p) => ({ ...p, repeat: 1 }));
    }
    case '1.7': {
      const tg = roles.targetGroup;
      const rows = tg?.targets ?? roles.classicLoadBalancer?.instances ?? [];
      const sick = new Set(rows.filter((t) => t.state !== 'healthy' && t.state !== 'InService').map((t) => t.id));
      const hosts = new Set(inventory.instances.filter((i) => sick.has(i.id)).flatMap((i) => [...hostsOf(i)]));
      return all.filter((p) => hosts.has(p.host));
    }
    case '1.8':
      return all.filter((p) => p.host === lbHost);
    case '1.9': {
      const hosts = new Set([roles.webServer, roles.clone].flatMap((i) => [...hostsOf(i)]));
      return all.filter((p) => p.host === lbHost || (p.path === '/' && hosts.has(p.host)));
    }
    default:
      return [];
  }
}

/**
 * Fetches every page the checks need (or the given ones), in parallel; aborting rejects with the signal's
 * reason.
 */
export async function observe(
  inventory: Inventory,
  web: WebProbe,
  signal?: AbortSignal,
  only?: readonly PageToObserve[],
  layout?: LayoutId,
): Promise<Observations> {
  signal?.throwIfAborted();
  const pages = only ?? pagesToObserve(inventory, layout);
  const seen = await Promise.all(pages.map((p) => fetchRepeated(web, p, signal)));
  signal?.throwIfAborted();
  return new Map(pages.map((p, i) => [observationKey(p.host, p.path), seen[i] as PageObservation]));
}

/** A tally (1.8) as the load balancer's observation, so the check reads the answers the student just saw. */
export function tallyObservation(host: string, tally: Tally): PageObservation {
  const samples: PageSample[] = [];
  for (const b of tally.byBackend) {
    for (let i = 0; i < b.count; i++) {
      samples.push({
        status: 200,
        variant: b.variant as PageSample['variant'],
        ...(b.instanceId ? { servedBy: b.instanceId } : {}),
      });
    }
  }
  for (let i = 0; i < tally.failed; i++) samples.push({ error: 'failed' });
  const first = samples[0];
  return {
    host,
    path: '/',
    ...(first?.status !== undefined ? { status: first.status } : { error: 'failed' }),
    ...(first?.servedBy ? { servedBy: first.servedBy } : {}),
    samples,
  };
}

/** Observations with some replaced (a tally after 1.8, fresh pages after a fix). */
export function mergeObservations(base: Observations, extra: Iterable<PageObservation>): Observations {
  const out = new Map(base);
  for (const o of extra) out.set(observationKey(o.host, o.path), o);
  return out;
}
