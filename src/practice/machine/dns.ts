// Names -> addresses as the VPC's resolver (the VPC's base + 2, AmazonProvidedDNS) answers an instance: RDS
// endpoints (public names, private addresses: the cluster and reader endpoints are CNAMEs to the instance endpoint
// of the member they point at now, so a failover moves them — rds/nodes.ts), EC2 private DNS names (`ip-10-0-0-65.
// ap-northeast-1.compute.internal`, in the asker's VPC) and public DNS names (the private address inside the
// instance's VPC, the public one elsewhere), and internal load balancers' names (ALB and Classic: their nodes' addresses). Other names
// are NXDOMAIN: the practice has no internet DNS. Pure over the records.
import { publicDnsName, privateDnsName } from '../core/geography';
import type { RegionState } from '../core/records';
import { nodeIps } from '../elbv2/model';
import { databaseNodes } from '../rds/nodes';
import { searchDomainOf } from './network';
import { publicAddressOf } from './reachability';

/** RDS endpoints' records live 5 s (a failover is seen quickly); EC2's 60 s. */
const RDS_TTL = 5;
const EC2_TTL = 60;

export interface DnsAnswer {
  /** The name asked, fully qualified, without the trailing dot. */
  name: string;
  /** CNAMEs followed, in order. */
  aliases: { name: string; target: string }[];
  /** The name holding the addresses (the last CNAME's target, else `name`). */
  canonical: string;
  addresses: string[];
  ttl: number;
}

const normalize = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** A dotted-quad IPv4 address. */
export const isIpv4 = (text: string) =>
  /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) && text.split('.').every((p) => Number(p) <= 255);

/** The records the resolver holds now: CNAMEs and A records by name. */
function zone(records: RegionState, region: string, fromVpcId: string | undefined, now: Date) {
  const cnames = new Map<string, string>();
  const addresses = new Map<string, { ips: string[]; ttl: number }>();
  for (const node of databaseNodes(records, now, region)) {
    for (const entry of node.names) {
      const name = normalize(entry.name);
      if (entry.cname) cnames.set(name, normalize(entry.cname));
      else addresses.set(name, { ips: [node.privateIp], ttl: RDS_TTL });
    }
  }
  for (const instance of records.instances) {
    if (instance.state === 'terminated') continue;
    if (instance.vpcId === fromVpcId)
      addresses.set(privateDnsName(region, instance.privateIp), { ips: [instance.privateIp], ttl: EC2_TTL });
    const publicIp = publicAddressOf(records, instance);
    if (publicIp && instance.state === 'running') {
      const ip = instance.vpcId === fromVpcId ? instance.privateIp : publicIp;
      addresses.set(publicDnsName(region, publicIp), { ips: [ip], ttl: EC2_TTL });
    }
  }
  for (const lb of [...records.loadBalancers, ...(records.classicLoadBalancers ?? [])]) {
    // An internal load balancer's name (ALB or Classic) gives its nodes' private addresses (internet-facing ones: not modelled).
    const ips = lb.scheme === 'internal' ? nodeIps(lb, records) : [];
    if (ips.length) addresses.set(normalize(lb.dnsName), { ips, ttl: EC2_TTL });
  }
  return { cnames, addresses };
}

/**
 * What the resolver answers for `name` asked from an instance in `fromVpcId`; undefined is NXDOMAIN. A name
 * without a dot is tried in the search domain first, as the resolver library does.
 */
export function resolveName(
  records: RegionState,
  region: string,
  fromVpcId: string | undefined,
  name: string,
  now: Date,
): DnsAnswer | undefined {
  const { cnames, addresses } = zone(records, region, fromVpcId, now);
  const asked = normalize(name);
  const candidates = asked.includes('.') ? [asked] : [`${asked}.${searchDomainOf(region)}`, asked];
  for (const candidate of candidates) {
    const aliases: DnsAnswer['aliases'] = [];
    let current = candidate;
    for (let hops = 0; hops < 8 && cnames.has(current); hops++) {
      const target = cnames.get(current) ?? current;
      aliases.push({ name: current, target });
      current = target;
    }
    const found = addresses.get(current);
    if (found) return { name: candidate, aliases, canonical: current, addresses: found.ips, ttl: found.ttl };
  }
  return undefined;
}

/** The PTR name an address has in the VPC (`ip-10-0-2-226.ap-northeast-1.compute.internal`). */
export function reverseName(region: string, ip: string): string {
  return privateDnsName(region, ip);
}

/** `226.2.0.10.in-addr.arpa` */
const arpaName = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;

/** Who holds the address in the asker's VPC (an instance or a DB), for a reverse lookup. */
export function reverseLookup(
  records: RegionState,
  region: string,
  fromVpcId: string | undefined,
  ip: string,
  now: Date,
) {
  const held =
    records.instances.some((i) => i.vpcId === fromVpcId && i.privateIp === ip && i.state !== 'terminated') ||
    databaseNodes(records, now, region).some((n) => n.vpcId === fromVpcId && n.privateIp === ip);
  return held ? reverseName(region, ip) : undefined;
}

/** bind-utils 9.16 (Amazon Linux 2023) output; the resolver is the VPC's (its base + 2). */
export function nslookupText(resolver: string, name: string, answer: DnsAnswer | undefined): string {
  const head = `Server:\t\t${resolver}\nAddress:\t${resolver}#53\n\n`;
  if (!answer) return `${head}** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN\n\n`;
  const aliases = answer.aliases.map((a) => `${a.name}\tcanonical name = ${a.target}.\n`).join('');
  const addresses = answer.addresses.map((ip) => `Name:\t${answer.canonical}\nAddress: ${ip}\n`).join('');
  return `${head}Non-authoritative answer:\n${aliases}${addresses}\n`;
}

export function nslookupReverseText(resolver: string, ip: string, name: string | undefined): string {
  const head = `Server:\t\t${resolver}\nAddress:\t${resolver}#53\n\n`;
  return name
    ? `${head}${arpaName(ip)}\tname = ${name}.\n\n`
    : `${head}** server can't find ${arpaName(ip)}: NXDOMAIN\n\n`;
}

export function hostText(name: string, answer: DnsAnswer | undefined): string {
  if (!answer) return `Host ${name.replace(/\.$/, '')} not found: 3(NXDOMAIN)\n`;
  return (
    answer.aliases.map((a) => `${a.name} is an alias for ${a.target}.\n`).join('') +
    answer.addresses.map((ip) => `${answer.canonical} has address ${ip}\n`).join('')
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
/** dig's WHEN: `Wed Dec 02 03:40:00 UTC 2026` (the instance's clock is UTC). */
const when = (d: Date) =>
  `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;

/** `dig NAME` (`+short`: the answers' data alone). */
export function digText(
  resolver: string,
  name: string,
  answer: DnsAnswer | undefined,
  now: Date,
  options: { short: boolean; id: number },
): string {
  const fqdn = `${name.replace(/\.$/, '')}.`;
  const records = answer
    ? [
        ...answer.aliases.map((a) => ({ owner: `${a.name}.`, type: 'CNAME', data: `${a.target}.` })),
        ...answer.addresses.map((ip) => ({ owner: `${answer.canonical}.`, type: 'A', data: ip })),
      ]
    : [];
  if (options.short) return records.map((r) => `${r.data}\n`).join('');
  const size = 12 + fqdn.length + 5 + 11 + records.reduce((n, r) => n + 12 + r.data.length + 2, 0);
  return [
    '',
    `; <<>> DiG 9.16.48 <<>> ${name}`,
    ';; global options: +cmd',
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${answer ? 'NOERROR' : 'NXDOMAIN'}, id: ${options.id}`,
    `;; flags: qr rd ra; QUERY: 1, ANSWER: ${records.length}, AUTHORITY: 0, ADDITIONAL: 1`,
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 4096',
    ';; QUESTION SECTION:',
    `;${fqdn}\t\t\tIN\tA`,
    '',
    ...(records.length
      ? [';; ANSWER SECTION:', ...records.map((r) => `${r.owner}\t${answer?.ttl ?? 0}\tIN\t${r.type}\t${r.data}`), '']
      : []),
    ';; Query time: 0 msec',
    `;; SERVER: ${resolver}#53(${resolver})`,
    `;; WHEN: ${when(now)}`,
    `;; MSG SIZE  rcvd: ${size}`,
    '',
    '',
  ].join('\n');
}
