// The Images and snapshots group: the account's own AMIs (the lab makes one of WebServer) and EBS snapshots,
// with state, a pending snapshot's progress and its size.
import type { InventoryIndex } from './inventoryIndex';
import { add, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText, stateText, timeText, toneOf } from './text';

export function images(ix: InventoryIndex, parent: ExplorerNode): void {
  const { inv, t } = ix;
  for (const image of [...inv.images].sort((a, b) => byText(a.name ?? a.id, b.name ?? b.id))) {
    add(parent, {
      kind: 'image',
      id: `${parent.id}/ami:${image.id}`,
      label: image.name ?? image.id,
      description: ['AMI', stateText(image.state, t), image.snapshotIds.join(', ')].filter(Boolean).join(' · '),
      tooltip:
        `**${mdText(image.name ?? image.id)}**\n\n` +
        mdFields([
          [t('AMI ID'), mdCode(image.id)],
          [t('State'), stateText(image.state, t)],
          [t('Description'), image.description ? mdText(image.description) : undefined],
          [t('Snapshots'), image.snapshotIds.map(mdCode).join(', ')],
          [t('Created'), timeText(image.creationDate)],
        ]),
      icon: icon('package', toneOf(image.state)),
      resource: {
        id: image.id,
        arn: ix.arn('ec2', `image/${image.id}`, false),
        consoleType: 'image',
        region: ix.region,
      },
    });
  }
  for (const snap of [...inv.snapshots].sort((a, b) => byText(a.name ?? a.id, b.name ?? b.id))) {
    const progress = snap.state === 'pending' && snap.progress ? snap.progress : undefined;
    add(parent, {
      kind: 'snapshot',
      id: `${parent.id}/snap:${snap.id}`,
      label: snap.name ?? snap.id,
      description: [t('Snapshot'), stateText(snap.state, t), progress, `${snap.sizeGiB} GiB`]
        .filter(Boolean)
        .join(' · '),
      tooltip:
        `**${mdText(snap.name ?? snap.id)}**\n\n` +
        mdFields([
          [t('Snapshot ID'), mdCode(snap.id)],
          [t('State'), [stateText(snap.state, t), snap.progress].filter(Boolean).join(' · ')],
          [t('Volume'), snap.volumeId ? mdCode(snap.volumeId) : undefined],
          [t('Size'), `${snap.sizeGiB} GiB`],
          [t('Description'), snap.description ? mdText(snap.description) : undefined],
          [t('Started'), timeText(snap.startTime)],
        ]),
      icon: icon('device-camera', toneOf(snap.state)),
      resource: {
        id: snap.id,
        arn: ix.arn('ec2', `snapshot/${snap.id}`, false),
        consoleType: 'snapshot',
        region: ix.region,
      },
    });
  }
}
