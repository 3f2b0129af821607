// An EC2 instance's row (under its subnet): state, type and address at a glance, everything the lab asks about
// in its tooltip (IPs, security groups, key pair, AMI, root volume), and `running` for the SSH commands.
import type { Instance } from '../../aws/types';
import type { InventoryIndex } from './inventoryIndex';
import { add, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText, stateText, timeText, toneOf } from './text';

export function instanceRow(ix: InventoryIndex, parent: ExplorerNode, i: Instance): void {
  const { t } = ix;
  const address = i.elasticIp ? t('{0} (EIP)', i.elasticIp) : i.publicIp;
  const subnet = i.subnetId ? ix.subnets.get(i.subnetId) : undefined;
  const volume = i.rootVolume;
  const volumeSize = volume?.sizeGiB ?? ix.inv.volumes.find((v) => v.id === volume?.volumeId)?.sizeGiB;
  add(parent, {
    kind: 'instance',
    id: `${parent.id}/instance:${i.id}`,
    label: i.name ?? i.id,
    description: [stateText(i.state, t), i.type, address].filter(Boolean).join(' · '),
    tooltip:
      `**${mdText(i.name ?? i.id)}**\n\n` +
      mdFields([
        [t('Instance ID'), mdCode(i.id)],
        [
          t('State'),
          [stateText(i.state, t), i.stateReason ? mdText(i.stateReason) : undefined].filter(Boolean).join(' — '),
        ],
        [t('Instance type'), mdCode(i.type)],
        [t('Availability Zone'), mdCode(i.az)],
        [
          t('Subnet'),
          i.subnetId
            ? `${mdCode(i.subnetId)}${subnet ? ` (${subnet.cidr}, ${ix.isPublic(subnet) ? t('public') : t('private')})` : ''}`
            : undefined,
        ],
        [t('Private IP'), i.privateIp ? mdCode(i.privateIp) : undefined],
        [t('Public IP'), i.publicIp ? mdCode(i.publicIp) : undefined],
        [t('Elastic IP'), i.elasticIp ? mdCode(i.elasticIp) : undefined],
        [t('Public DNS'), i.publicDnsName ? mdCode(i.publicDnsName) : undefined],
        [t('Security groups'), i.securityGroups.map((g) => `${mdText(g.name)} (${mdCode(g.id)})`).join(', ')],
        [t('Key pair'), i.keyName ? mdCode(i.keyName) : undefined],
        [t('AMI'), mdCode(i.imageId)],
        [t('Launched'), timeText(i.launchTime)],
        [
          t('Root volume'),
          volume
            ? [
                mdCode(volume.volumeId),
                volume.deviceName,
                volumeSize !== undefined ? `${volumeSize} GiB` : undefined,
                volume.volumeType,
              ]
                .filter(Boolean)
                .join(' · ')
            : undefined,
        ],
      ]),
    icon: icon(instanceIcon(i.state), toneOf(i.state)),
    // `running`: the SSH commands (edit index.html, terminal) show in its menu.
    tokens: i.state === 'running' ? ['running'] : [],
    resource: {
      id: i.id,
      arn: ix.arn('ec2', `instance/${i.id}`),
      dnsName: i.publicDnsName || undefined,
      consoleType: 'instance',
      region: ix.region,
    },
  });
}

/** By name (or id), then id: two instances named WebServer keep one order between refreshes. */
export function sortInstances(list: readonly Instance[]): Instance[] {
  return [...list].sort((a, b) => byText(a.name ?? a.id, b.name ?? b.id) || byText(a.id, b.id));
}

export function instanceIcon(state: string): string {
  switch (state) {
    case 'running':
      return 'vm-running';
    case 'pending':
    case 'stopping':
    case 'shutting-down':
      return 'vm-active';
    case 'terminated':
      return 'vm-outline';
    default:
      return 'vm';
  }
}
