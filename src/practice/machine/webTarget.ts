// Which web endpoint a request names by its Host header: an instance's public IP, Elastic IP or public DNS name, a
// load balancer's DNS name (ELBv2's or a Classic one), checkip.amazonaws.com, or an AWS address nothing answers on.
// Any other host is the AWS API.
import { publicDnsName } from '../core/geography';
import type { World } from '../core/world';
import { classicByDnsName } from '../elb/web';

export const CHECKIP_HOST = 'checkip.amazonaws.com';

export type WebTarget =
  | { kind: 'checkip' }
  /** An address or AWS host name nothing answers on (a stale public IP, a deleted load balancer): no answer. */
  | { kind: 'nowhere' }
  | { kind: 'instance'; region: string; instanceId: string; port: number }
  | { kind: 'loadBalancer'; region: string; arn: string; port: number }
  | { kind: 'classicLoadBalancer'; region: string; name: string; port: number };

function splitHost(header: string): { host: string; port: number } {
  const match = /^(.*?)(?::(\d+))?$/.exec(header.trim().toLowerCase());
  return { host: match?.[1] ?? '', port: match?.[2] ? Number(match[2]) : 80 };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
/** Hosts that can only mean a web request: an IPv4 address, EC2's and ELB's host names. */
const WEB_ONLY = /^(\d+\.\d+\.\d+\.\d+|.+\.compute(-1)?\.amazonaws\.com|.+\.elb\.amazonaws\.com)$/;

/** The web endpoint a Host header names, or undefined: the request is for the AWS API. */
export function webTarget(world: World, hostHeader: string | undefined): WebTarget | undefined {
  if (!hostHeader) return undefined;
  const { host, port } = splitHost(hostHeader);
  if (LOOPBACK.test(host)) return undefined;
  if (host === CHECKIP_HOST) return { kind: 'checkip' };
  for (const [region, records] of Object.entries(world.state.regions)) {
    const lb = records.loadBalancers.find((l) => l.dnsName.toLowerCase() === host);
    if (lb) return { kind: 'loadBalancer', region, arn: lb.arn, port };
    const classic = classicByDnsName(records, host);
    if (classic) return { kind: 'classicLoadBalancer', region, name: classic.name, port };
    const eip = records.addresses.find(
      (a) => a.association && (a.publicIp === host || publicDnsName(region, a.publicIp) === host),
    );
    if (eip?.association) return { kind: 'instance', region, instanceId: eip.association.instanceId, port };
    const instance = records.instances.find(
      (i) => i.autoPublicIp && (i.autoPublicIp === host || publicDnsName(region, i.autoPublicIp) === host),
    );
    if (instance) return { kind: 'instance', region, instanceId: instance.id, port };
  }
  return WEB_ONLY.test(host) ? { kind: 'nowhere' } : undefined;
}
