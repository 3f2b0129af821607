// The account explorer as plain data: one pure function from an inventory (or a loading/failed state) to a
// tree of small nodes. This file assembles the tree: the account row, then one group per part of the account
// (each built by its own file), a section's read problems inside its group, "None yet" in an empty one.
import type { Inventory, InventorySection } from '../../aws/types';
import type { Translate } from '../translate';
import { accountNode, accountNodeFromHint } from './account';
import { elasticIps } from './addresses';
import { autoScaling } from './autoScaling';
import { databases } from './databases';
import { InventoryIndex } from './inventoryIndex';
import { loadBalancing } from './loadBalancing';
import { network } from './network';
import { add, addEmpty, icon, ROOT_ID, type ExplorerNode, type GroupId, type MutableNode } from './nodes';
import { addOtherStudents, type OtherStudentsShown } from './otherStudents';
import { addProblem } from './problems';
import { securityGroups } from './securityGroups';
import type { ExplorerState, TargetDiagnoses } from './state';
import { images } from './storage';
import { timeText } from './text';

/** The tree's roots: nothing while idle (the view's welcome text shows), else the one account node. */
export function buildExplorerTree(
  state: ExplorerState,
  t: Translate,
  diagnoses: TargetDiagnoses = new Map(),
  otherStudents: OtherStudentsShown = 'count',
): ExplorerNode[] {
  switch (state.status) {
    case 'idle':
      return [];
    case 'loading': {
      const account = accountNodeFromHint(state.account, t);
      add(account, { kind: 'loading', id: `${ROOT_ID}/loading`, label: t('Loading…'), icon: { id: 'loading~spin' } });
      return [account];
    }
    case 'failed': {
      if (state.previous) {
        const account = inventoryTree(state.previous, t, diagnoses, otherStudents);
        const error = addProblem(account, `${ROOT_ID}/error`, state.problem, undefined, t);
        error.description = t('showing {0}', timeText(state.previous.fetchedAt) ?? '');
        // The error first, above the groups it leaves stale.
        account.children.unshift(account.children.pop()!);
        return [account];
      }
      const account = accountNodeFromHint(state.account, t);
      addProblem(account, `${ROOT_ID}/error`, state.problem, undefined, t);
      return [account];
    }
    case 'loaded':
      return [inventoryTree(state.inventory, t, diagnoses, otherStudents)];
  }
}

/** The group an inventory section's read problem shows in. */
const SECTION_GROUP: Readonly<Record<InventorySection, GroupId>> = {
  network: 'network',
  instances: 'network',
  storage: 'images',
  addresses: 'elasticIps',
  securityGroups: 'securityGroups',
  loadBalancing: 'loadBalancing',
  databases: 'databases',
  autoScaling: 'autoScaling',
};

function inventoryTree(
  inv: Inventory,
  t: Translate,
  diagnoses: TargetDiagnoses,
  otherStudents: OtherStudentsShown,
): MutableNode {
  const ix = new InventoryIndex(inv, t, diagnoses);
  const account = accountNode(inv, t);

  const groups = new Map<GroupId, MutableNode>();
  const group = (id: GroupId, title: string, iconId: string, expand: 'collapsed' | 'expanded') => {
    const node = add(account, { kind: 'group', id: `${ROOT_ID}/${id}`, label: title, icon: icon(iconId), expand });
    groups.set(id, node);
    return node;
  };
  network(ix, group('network', t('Network'), 'type-hierarchy', 'expanded'));
  loadBalancing(ix, group('loadBalancing', t('Load balancing'), 'repo-forked', 'expanded'));
  databases(ix, group('databases', t('Databases'), 'database', 'collapsed'));
  images(ix, group('images', t('Images and snapshots'), 'device-camera', 'collapsed'));
  elasticIps(ix, group('elasticIps', t('Elastic IPs'), 'location', 'collapsed'));
  securityGroups(ix, group('securityGroups', t('Security groups'), 'shield', 'collapsed'));
  // Auto Scaling is the lab's optional track: its group appears only once there is something to show (3.1's
  // launch template comes before any group; an alarm may exist without either).
  const problemsFor = (g: GroupId) => inv.problems.filter((p) => SECTION_GROUP[p.section] === g);
  const scaling = inv.autoScalingGroups.length + inv.launchTemplates.length + inv.metricAlarms.length;
  if (scaling > 0 || problemsFor('autoScaling').length > 0) {
    autoScaling(ix, group('autoScaling', t('Auto Scaling groups'), 'layers', 'collapsed'));
  }

  for (const [id, node] of groups) {
    const problems = problemsFor(id);
    // A section that could not be read shows why instead of "none yet".
    for (const p of problems) addProblem(node, `${node.id}/problem:${p.section}:${p.action}`, p.error, p.action, t);
    if (node.children.length === 0) addEmpty(node, t('None yet'));
  }
  addOtherStudents(account, inv, otherStudents, t);
  return account;
}
