// The network as an instance's Amazon Linux 2023 sees it (systemd-networkd and amazon-ec2-net-utils over
// the VPC's DHCP): one interface with the private address and the subnet's prefix, the subnet's router at
// its base + 1, the VPC's resolver at the VPC's base + 2, and what `ip a`, `ip r`, /etc/resolv.conf and
// `hostname -I` print of them. Pure functions over the records.
import { cidrContains, ipToNumber, numberToIp, parseCidr } from '../core/addressing';
import type { InstanceRecord, RegionState } from '../core/records';

/** DHCP leases in a VPC last an hour; networkd renews at half of it. */
const LEASE_SECONDS = 3600;
/** Instance families on the Xen hypervisor (netfront: `enX0`); the Nitro ones have ENA (`ens5`). */
const XEN_FAMILIES = /^(t1|t2|m1|m2|m3|m4|c1|c3|c4|r3|r4|x1|x1e|d2|i2|i3|h1|g3|p2|p3|f1)\./;

export interface InstanceNetwork {
  /** `enX0` (Xen) or `ens5` (Nitro), as AL2023's predictable names give it. */
  device: string;
  mac: string;
  eniId: string;
  address: string;
  /** The subnet's prefix length and its network and broadcast addresses. */
  prefix: number;
  network: string;
  broadcast: string;
  /** The subnet's router (base + 1) and the VPC's resolver (the VPC's base + 2). */
  router: string;
  resolver: string;
  /** `ap-northeast-1.compute.internal` (`ec2.internal` in us-east-1). */
  searchDomain: string;
  /** Seconds left on the current DHCP lease. */
  leaseSeconds: number;
}

export function searchDomainOf(region: string): string {
  return region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
}

/** The instance's network from its subnet and VPC; undefined when either is gone. */
export function instanceNetwork(
  records: RegionState,
  region: string,
  instance: Pick<InstanceRecord, 'subnetId' | 'vpcId' | 'privateIp' | 'type' | 'eni' | 'launchTime'>,
  now: Date,
): InstanceNetwork | undefined {
  const subnet = records.subnets.find((s) => s.id === instance.subnetId);
  const vpc = records.vpcs.find((v) => v.id === instance.vpcId);
  if (!subnet || !vpc) return undefined;
  const { base, prefix, size } = parseCidr(subnet.cidr);
  const elapsed = Math.max(0, Math.floor((now.getTime() - Date.parse(instance.launchTime)) / 1000));
  return {
    device: XEN_FAMILIES.test(instance.type) ? 'enX0' : 'ens5',
    mac: instance.eni.macAddress,
    eniId: instance.eni.id,
    address: instance.privateIp,
    prefix,
    network: numberToIp(base),
    broadcast: numberToIp(base + size - 1),
    router: numberToIp(base + 1),
    resolver: numberToIp(parseCidr(vpc.cidr).base + 2),
    searchDomain: searchDomainOf(region),
    leaseSeconds: LEASE_SECONDS - (elapsed % (LEASE_SECONDS / 2)),
  };
}

/** The IPv6 link-local address the kernel derives from the MAC (EUI-64: the universal bit flipped, ff:fe inserted). */
export function linkLocalAddress(mac: string): string {
  const bytes = mac.split(':').map((h) => parseInt(h, 16));
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = bytes;
  const words = [((a ^ 0x02) << 8) | b, (c << 8) | 0xff, 0xfe00 | d, (e << 8) | f];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

const LOOPBACK_LINK = [
  '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
  '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
];

function deviceLink(net: InstanceNetwork): string[] {
  return [
    `2: ${net.device}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP group default qlen 1000`,
    `    link/ether ${net.mac} brd ff:ff:ff:ff:ff:ff`,
    `    altname ${net.eniId}`,
    '    altname device-number-0',
  ];
}

/** `ip addr` (with `-4`, IPv4 only), for every interface or the one named. */
export function ipAddrText(net: InstanceNetwork, options: { ipv4Only?: boolean; device?: string } = {}): string {
  const v6 = !options.ipv4Only;
  const lo = [
    ...LOOPBACK_LINK,
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
    ...(v6 ? ['    inet6 ::1/128 scope host noprefixroute', '       valid_lft forever preferred_lft forever'] : []),
  ];
  const eth = [
    ...deviceLink(net),
    `    inet ${net.address}/${net.prefix} metric 512 brd ${net.broadcast} scope global dynamic ${net.device}`,
    `       valid_lft ${net.leaseSeconds}sec preferred_lft ${net.leaseSeconds}sec`,
    ...(v6
      ? [`    inet6 ${linkLocalAddress(net.mac)}/64 scope link`, '       valid_lft forever preferred_lft forever']
      : []),
  ];
  const shown = options.device === 'lo' ? [lo] : options.device === net.device ? [eth] : [lo, eth];
  return shown.map((lines) => lines.join('\n') + '\n').join('');
}

/** `ip link`. */
export function ipLinkText(net: InstanceNetwork): string {
  return [...LOOPBACK_LINK, ...deviceLink(net)].join('\n') + '\n';
}

/** `ip route`: the default route via the router, the subnet, and DHCP's host routes to the router and resolver. */
export function ipRouteText(net: InstanceNetwork): string {
  const dev = `dev ${net.device}`;
  const tail = `src ${net.address} metric 512`;
  const inSubnet = (ip: string) => cidrContains(`${net.network}/${net.prefix}`, ip);
  const routes: { key: number; prefix: number; line: string }[] = [
    { key: 0, prefix: 0, line: `default via ${net.router} ${dev} proto dhcp ${tail}` },
    {
      key: ipToNumber(net.network),
      prefix: net.prefix,
      line: `${net.network}/${net.prefix} ${dev} proto kernel scope link ${tail}`,
    },
    { key: ipToNumber(net.router), prefix: 32, line: `${net.router} ${dev} proto dhcp scope link ${tail}` },
    {
      key: ipToNumber(net.resolver),
      prefix: 32,
      line: inSubnet(net.resolver)
        ? `${net.resolver} ${dev} proto dhcp scope link ${tail}`
        : `${net.resolver} via ${net.router} ${dev} proto dhcp ${tail}`,
    },
  ];
  // The kernel lists the main table by destination, then prefix length.
  routes.sort((a, b) => a.key - b.key || a.prefix - b.prefix);
  return routes.map((r) => `${r.line}\n`).join('');
}

/** `ip -6 route`: the link-local network only (the lab's VPCs have no IPv6 CIDR). */
export function ipv6RouteText(net: InstanceNetwork): string {
  return `fe80::/64 dev ${net.device} proto kernel metric 256 pref medium\n`;
}

/** /etc/resolv.conf: AL2023 links it to systemd-resolved's list of the uplink servers (the VPC's resolver). */
export function resolvConfText(net: InstanceNetwork): string {
  return [
    '# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).',
    '# Do not edit.',
    '#',
    "# This file might be symlinked as /etc/resolv.conf. If you're looking at",
    '# /etc/resolv.conf and seeing this text, you have followed the symlink.',
    '#',
    '# This is a dynamic resolv.conf file for connecting local clients directly to',
    '# all known uplink DNS servers. This file lists all configured search domains.',
    '#',
    '# Third party programs should typically not access this file directly, but only',
    '# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a',
    '# different way, replace this symlink by a static file or a different symlink.',
    '#',
    '# See man:systemd-resolved.service(8) for details about the supported modes of',
    '# operation for /etc/resolv.conf.',
    '',
    `nameserver ${net.resolver}`,
    `search ${net.searchDomain}`,
    '',
  ].join('\n');
}
