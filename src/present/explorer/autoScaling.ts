// The Auto Scaling groups group (the lab's optional track): each group with its capacity, launch template and
// target groups › the instances it launched, with lifecycle, health and the instance's own state.
import type { InventoryIndex } from './inventoryIndex';
import { instanceIcon } from './compute';
import { add, addEmpty, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText, stateText, toneOf } from './text';

export function autoScaling(ix: InventoryIndex, parent: ExplorerNode): void {
  const { inv, t } = ix;
  for (const asg of [...inv.autoScalingGroups].sort((a, b) => byText(a.name, b.name))) {
    const node = add(parent, {
      kind: 'autoScalingGroup',
      id: `${parent.id}/asg:${asg.name}`,
      label: asg.name,
      description: t('desired {0} · min {1} · max {2}', asg.desired, asg.min, asg.max),
      tooltip:
        `**${mdText(asg.name)}**\n\n` +
        mdFields([
          [t('Desired capacity'), String(asg.desired)],
          [t('Minimum'), String(asg.min)],
          [t('Maximum'), String(asg.max)],
          [t('Availability Zones'), asg.azs.map(mdCode).join(', ')],
          [
            t('Launch template'),
            asg.launchTemplate
              ? [asg.launchTemplate.name ?? asg.launchTemplate.id, asg.launchTemplate.version]
                  .filter(Boolean)
                  .join(' v')
              : undefined,
          ],
          [t('Target groups'), asg.targetGroupArns.map((arn) => mdText(ix.targetGroupName(arn))).join(', ')],
        ]),
      icon: icon('layers'),
      resource: { id: asg.name, arn: asg.arn, consoleType: 'autoScalingGroup', region: ix.region },
    });
    for (const member of [...asg.instances].sort((a, b) => byText(a.az, b.az) || byText(a.id, b.id))) {
      const instance = ix.instances.get(member.id);
      add(node, {
        kind: 'autoScalingInstance',
        id: `${node.id}/instance:${member.id}`,
        label: instance?.name ?? member.id,
        description: [member.lifecycleState, stateText(member.healthStatus.toLowerCase(), t), member.az].join(' · '),
        tooltip: mdFields([
          [t('Instance ID'), mdCode(member.id)],
          [t('Lifecycle'), member.lifecycleState],
          [t('Health'), stateText(member.healthStatus.toLowerCase(), t)],
          [t('Availability Zone'), mdCode(member.az)],
          [t('State'), instance ? stateText(instance.state, t) : undefined],
        ]),
        icon: icon(
          instance ? instanceIcon(instance.state) : 'vm',
          instance ? toneOf(instance.state) : toneOf(member.lifecycleState),
        ),
        resource: {
          id: member.id,
          arn: ix.arn('ec2', `instance/${member.id}`),
          consoleType: 'instance',
          region: ix.region,
        },
      });
    }
    if (asg.instances.length === 0) addEmpty(node, t('No instances yet'));
  }
}
