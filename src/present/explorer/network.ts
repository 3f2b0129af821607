// The Network group as the console's VPC wizard draws it: VPC › Availability Zone › subnet › the instances in
// it, the default VPC first, AZs that have subnets only, and instances with no subnet (terminated) at the end.
import type { Instance } from '../../aws/types';
import { instanceRow, sortInstances } from './compute';
import type { InventoryIndex } from './inventoryIndex';
import { add, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText, stateText } from './text';

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
  const vpcs = [...inv.vpcs].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || byText(a.name ?? a.id, b.name ?? b.id),
  );
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
      const count = azSubnets.reduce((n, s) => n + (bySubnet.get(s.id)?.length ?? 0), 0);
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
        const subnetNode = add(azNode, {
          kind: 'subnet',
          id: `${azNode.id}/subnet:${subnet.id}`,
          label: subnet.name ?? subnet.id,
          description: [subnet.cidr, subnet.isPublic ? t('public') : t('private')].join(' · '),
          tooltip: mdFields([
            [t('Subnet'), mdCode(subnet.id)],
            [t('Name'), subnet.name ? mdText(subnet.name) : undefined],
            [t('CIDR'), mdCode(subnet.cidr)],
            [
              t('Route to the internet'),
              subnet.isPublic
                ? t('yes: public subnet (0.0.0.0/0 goes to an internet gateway)')
                : t('no: private subnet'),
            ],
            [t('Auto-assign public IP'), subnet.mapPublicIpOnLaunch ? t('yes') : t('no')],
            [t('Free IP addresses'), String(subnet.availableIpCount)],
          ]),
          icon: icon(subnet.isPublic ? 'unlock' : 'lock'),
          expand: instances.length > 0 ? 'expanded' : 'none',
          resource: {
            id: subnet.id,
            arn: ix.arn('ec2', `subnet/${subnet.id}`),
            consoleType: 'subnet',
            region: ix.region,
          },
        });
        for (const instance of sortInstances(instances)) instanceRow(ix, subnetNode, instance);
      }
    }
  }
  // Terminated instances lose their subnet; keep them visible (they still show in the console for a while).
  for (const instance of sortInstances(loose)) instanceRow(ix, parent, instance);
}
