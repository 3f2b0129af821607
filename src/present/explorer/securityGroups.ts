// The Security groups group: each group › its rules read as sentences ("HTTP (80) from anywhere (0.0.0.0/0)"),
// inbound then outbound, and a plain note on a group with no inbound rule (nothing can connect in).
import type { SecurityGroup } from '../../aws/types';
import type { InventoryIndex } from './inventoryIndex';
import { add, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText, ruleSentence } from './text';

export function securityGroups(ix: InventoryIndex, parent: ExplorerNode): void {
  for (const sg of [...ix.inv.securityGroups].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id))) {
    securityGroup(ix, parent, sg);
  }
}

function securityGroup(ix: InventoryIndex, parent: ExplorerNode, sg: SecurityGroup): void {
  const { t } = ix;
  const node = add(parent, {
    kind: 'securityGroup',
    id: `${parent.id}/sg:${sg.id}`,
    label: sg.name,
    description: sg.id,
    tooltip:
      `**${mdText(sg.name)}**\n\n` +
      mdFields([
        [t('Security group ID'), mdCode(sg.id)],
        [t('Description'), mdText(sg.description)],
        [t('VPC'), sg.vpcId ? mdCode(sg.vpcId) : undefined],
        [t('Inbound rules'), String(sg.inbound.length)],
        [t('Outbound rules'), String(sg.outbound.length)],
      ]),
    icon: icon('shield'),
    resource: {
      id: sg.id,
      arn: ix.arn('ec2', `security-group/${sg.id}`),
      consoleType: 'securityGroup',
      region: ix.region,
    },
  });
  const seen = new Set<string>();
  for (const [direction, rules] of [
    ['inbound', sg.inbound],
    ['outbound', sg.outbound],
  ] as const) {
    for (const rule of rules) {
      const s = rule.source;
      const peer = s.kind === 'group' ? s.groupId : s.kind === 'prefixList' ? s.prefixListId : s.cidr;
      let id = `${node.id}/${direction}:${rule.protocol}:${rule.fromPort ?? ''}-${rule.toPort ?? ''}:${peer}`;
      for (let n = 2; seen.has(id); n++) id = `${id}#${n}`;
      seen.add(id);
      const sentence = ruleSentence(rule, direction, sg.id, ix.groupNames, t);
      add(node, {
        kind: 'securityGroupRule',
        id,
        label: sentence,
        description: rule.description,
        tooltip: mdFields([
          [t('Direction'), direction === 'inbound' ? t('inbound') : t('outbound')],
          [t('Rule'), mdText(sentence)],
          [t('Protocol'), rule.protocol === '-1' ? t('all') : rule.protocol],
          [
            t('Ports'),
            rule.fromPort !== undefined
              ? rule.fromPort === rule.toPort
                ? String(rule.fromPort)
                : `${rule.fromPort}–${rule.toPort ?? ''}`
              : undefined,
          ],
          [t('Description'), rule.description ? mdText(rule.description) : undefined],
        ]),
        icon: icon(direction === 'inbound' ? 'arrow-small-right' : 'arrow-small-left'),
      });
    }
  }
  if (sg.inbound.length === 0) {
    add(node, {
      kind: 'empty',
      id: `${node.id}/noInbound`,
      label: t('No inbound rules: nothing can connect in'),
      icon: { id: 'circle-small' },
    });
  }
}
