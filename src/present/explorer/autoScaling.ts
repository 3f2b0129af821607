// The Auto Scaling groups group (track 3): each group with its capacity, launch template and target groups › the
// instances it launched (lifecycle, health, AZ), its launch template, its policies as sentences, the alarms that
// drive them, its recent activities in AWS's words; then the launch templates no group uses and the alarms that
// belong to no group (scalingParts.ts builds those rows).
import type { InventoryIndex } from './inventoryIndex';
import { instanceIcon } from './compute';
import { add, addEmpty, byText, icon, type ExplorerNode } from './nodes';
import { alarmsOfGroup } from '../../lab/scaling';
import { addActivities, addAlarm, addLaunchTemplate, addPolicy, templateOf } from './scalingParts';
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
          [t('Health check'), asg.healthCheckType],
          [
            t('Grace period'),
            asg.healthCheckGracePeriod !== undefined ? t('{0} s', asg.healthCheckGracePeriod) : undefined,
          ],
          [t('Default cooldown'), asg.defaultCooldown !== undefined ? t('{0} s', asg.defaultCooldown) : undefined],
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
          [t('Launch template version'), member.launchTemplateVersion],
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
    const lt = templateOf(inv, asg);
    if (lt) addLaunchTemplate(ix, node, lt, `${node.id}/lt`, asg.launchTemplate?.version);
    const policies = inv.scalingPolicies.filter((p) => p.groupName === asg.name);
    for (const p of [...policies].sort((a, b) => byText(a.name, b.name))) addPolicy(ix, node, p);
    for (const a of alarmsOfGroup(inv, asg.name).sort((a, b) => byText(a.name, b.name))) addAlarm(ix, node, a);
    addActivities(
      ix,
      node,
      inv.scalingActivities.filter((a) => a.groupName === asg.name),
    );
  }
  // 3.1 makes a template before any group uses it; a console-made one may be used by none.
  const used = new Set(inv.autoScalingGroups.map((g) => templateOf(inv, g)?.id));
  for (const lt of [...inv.launchTemplates].filter((x) => !used.has(x.id)).sort((a, b) => byText(a.name, b.name)))
    addLaunchTemplate(ix, parent, lt, `${parent.id}/lt:${lt.id}`);
  // Alarms no group's policy or dimension names: an alarm on the wrong dimension waits for data forever.
  const grouped = new Set(inv.autoScalingGroups.flatMap((g) => alarmsOfGroup(inv, g.name).map((a) => a.name)));
  const others = inv.metricAlarms.filter((a) => !grouped.has(a.name)).sort((a, b) => byText(a.name, b.name));
  if (others.length > 0) {
    const node = add(parent, {
      kind: 'group',
      id: `${parent.id}/otherAlarms`,
      label: t('Alarms of no group'),
      description: String(others.length),
      icon: icon('bell'),
    });
    for (const a of others) addAlarm(ix, node, a);
  }
}
