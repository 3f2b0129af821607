// The Elastic IPs group: each address with the instance (or network interface) it is on, and a warning on
// one that is on nothing, because AWS bills an idle Elastic IP by the hour.
import type { InventoryIndex } from './inventoryIndex';
import { add, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText } from './text';

export function elasticIps(ix: InventoryIndex, parent: ExplorerNode): void {
  const { inv, t } = ix;
  for (const eip of [...inv.elasticIps].sort((a, b) => byText(a.publicIp, b.publicIp))) {
    const instance = eip.instanceId ? ix.instances.get(eip.instanceId) : undefined;
    const target = eip.instanceId ? (instance?.name ?? eip.instanceId) : eip.networkInterfaceId;
    add(parent, {
      kind: 'elasticIp',
      id: `${parent.id}/eip:${eip.allocationId}`,
      label: eip.publicIp,
      description: target ?? t('not associated — still billed'),
      tooltip: mdFields([
        [t('Elastic IP'), mdCode(eip.publicIp)],
        [t('Allocation ID'), mdCode(eip.allocationId)],
        [
          t('Instance'),
          eip.instanceId ? `${instance?.name ? `${mdText(instance.name)} ` : ''}${mdCode(eip.instanceId)}` : undefined,
        ],
        [t('Network interface'), eip.networkInterfaceId ? mdCode(eip.networkInterfaceId) : undefined],
        [t('Private IP'), eip.privateIp ? mdCode(eip.privateIp) : undefined],
        [
          t('Billing'),
          target
            ? undefined
            : t(
                'An Elastic IP that is not associated with a running instance is still billed by the hour. Release it when you no longer need it.',
              ),
        ],
      ]),
      icon: target ? icon('location') : icon('warning', 'busy'),
      resource: {
        id: eip.allocationId,
        arn: ix.arn('ec2', `elastic-ip/${eip.allocationId}`),
        consoleType: 'elasticIp',
        region: ix.region,
      },
    });
  }
}
