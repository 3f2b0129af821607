// The Network group as the console's VPC wizard draws it: VPC › Availability Zone › subnet › the instances in
// it (and its NAT gateway), then the VPC's internet gateway and route tables; the default VPC first, the lab's
// Test-VPC next, AZs that have subnets only, detached internet gateways and instances with no subnet (terminated)
// at the end. Each subnet says public or private and, in its tooltip, why (routes.ts words the reason).
import type { Instance, NatGateway, Vpc } from '../../aws/types';
import { isLabTagged } from '../../lab/types';
import { instanceRow, sortInstances } from './compute';
import type { InventoryIndex } from './inventoryIndex';
import { add, byText, icon, type ExplorerNode } from './nodes';
import { isPublicReach } from './reach';
import { detachedGateways, internetGateways, natGatewayRow, reachText, routeTables } from './routes';
import { mdCode, mdFields, mdText, stateText } from './text';

/** The seeds' own VPC name (seed 004 renames "Test-VPC-vpc" to it). */
const LAB_VPC_NAME = 'Test-VPC';

/** 0 the default VPC, 1 the lab's (by name or tag), 2 the rest. */
const vpcRank = (v: Vpc) => (v.isDefault ? 0 : v.name === LAB_VPC_NAME || isLabTagged(v.tags) ? 1 : 2);

export function network(ix: InventoryIndex, parent: ExplorerNode): void {
  const { inv, t } = ix;
  const bySubnet = new Map<string, Instance[]>();
  const loose: Instance[] = [];
  for (const i of inv.instances) {
    if (i.subnetId && ix.subnets.has(i.subnetId)) {
      const list = bySubnet.get(i.subnetId) ?? [];
      list.push(i);
      bySubnet.set(i.subnetId, list);
    } else {
      loose.push(i);
    }
  }
  const natsBySubnet = new Map<string, NatGateway[]>();
  for (const n of inv.natGateways) natsBySubnet.set(n.subnetId, [...(natsBySubnet.get(n.subnetId) ?? []), n]);
  const vpcs = [...inv.vpcs].sort((a, b) => vpcRank(a) - vpcRank(b) || byText(a.name ?? a.id, b.name ?? b.id));
  for (const vpc of vpcs) {
    const vpcNode = add(parent, {
      kind: 'vpc',
      id: `${parent.id}/vpc:${vpc.id}`,
      label: vpc.name ?? vpc.id,
      description: [vpc.cidr, vpc.isDefault ? t('default VPC') : undefined].filter(Boolean).join(' · '),
      tooltip: mdFields([
        [t('VPC'), mdCode(vpc.id)],
        [t('Name'), vpc.name ? mdText(vpc.name) : undefined],
        [t('CIDR'), mdCode(vpc.cidr)],
        [t('State'), stateText(vpc.state, t)],
      ]),
      icon: icon('cloud'),
      expand: 'expanded',
      resource: { id: vpc.id, arn: ix.arn('ec2', `vpc/${vpc.id}`), consoleType: 'vpc', region: ix.region },
    });
    const subnets = inv.subnets.filter((s) => s.vpcId === vpc.id);
    const azs = [...new Set(subnets.map((s) => s.az))].sort(byText);
    for (const az of azs) {
      const azSubnets = subnets.filter((s) => s.az === az).sort((a, b) => byText(a.cidr, b.cidr));
      const count = azSubnets.reduce(
        (n, s) => n + (bySubnet.get(s.id)?.length ?? 0) + (natsBySubnet.get(s.id)?.length ?? 0),
        0,
      );
      const zone = inv.azs.find((z) => z.name === az);
      const azNode = add(vpcNode, {
        kind: 'az',
        id: `${vpcNode.id}/az:${az}`,
        label: az,
        description: zone?.zoneId,
        tooltip: mdFields([
          [t('Availability Zone'), mdCode(az)],
          [t('Zone ID'), zone ? mdCode(zone.zoneId) : undefined],
        ]),
        icon: icon('globe'),
        expand: count > 0 ? 'expanded' : 'collapsed',
      });
      for (const subnet of azSubnets) {
        const instances = bySubnet.get(subnet.id) ?? [];
        const nats = (natsBySubnet.get(subnet.id) ?? []).sort((a, b) => byText(a.id, b.id));
        const reach = ix.reaches.get(subnet.id) ?? { kind: 'unknown', isPublic: subnet.isPublic };
        const isPublic = isPublicReach(reach);
        const table = subnet.routeTableId ? ix.mdNamed(subnet.routeTableId) : undefined;
        const subnetNode = add(azNode, {
          kind: 'subnet',
          id: `${azNode.id}/subnet:${subnet.id}`,
          label: subnet.name ?? subnet.id,
          description: [subnet.cidr, isPublic ? t('public') : t('private')].join(' · '),
          tooltip: mdFields([
            [t('Subnet'), mdCode(subnet.id)],
            [t('Name'), subnet.name ? mdText(subnet.name) : undefined],
            [t('CIDR'), mdCode(subnet.cidr)],
            [t('Route to the internet'), reachText(ix, subnet, reach)],
            [
              t('Route table'),
              table && subnet.usesMainRouteTable
                ? `${table} · ${t('uses the VPC’s main route table (no explicit association)')}`
                : table,
            ],
            [t('Auto-assign public IPv4 address'), subnet.mapPublicIpOnLaunch ? t('yes') : t('no')],
            [t('Free IP addresses'), String(subnet.availableIpCount)],
          ]),
          icon: icon(isPublic ? 'unlock' : 'lock'),
          expand: instances.length + nats.length > 0 ? 'expanded' : 'none',
          resource: {
            id: subnet.id,
            arn: ix.arn('ec2', `subnet/${subnet.id}`),
            consoleType: 'subnet',
            region: ix.region,
          },
        });
        for (const nat of nats) natGatewayRow(ix, subnetNode, nat);
        for (const instance of sortInstances(instances)) instanceRow(ix, subnetNode, instance);
      }
    }
    internetGateways(ix, vpcNode, vpc.id);
    routeTables(ix, vpcNode, vpc.id);
  }
  detachedGateways(ix, parent);
  // Terminated instances lose their subnet; keep them visible (they still show in the console for a while).
  for (const instance of sortInstances(loose)) instanceRow(ix, parent, instance);
}
