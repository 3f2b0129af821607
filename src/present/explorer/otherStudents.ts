// In a class sharing one account (seed 003), the explorer shows the student's view; the rest of the account is one
// collapsed row saying how much is there and whose it is, so nothing is silently missing — or nothing at all, when
// the student asked for that (settings: explorer.otherStudents).
import type { Inventory } from '../../aws/types';
import type { Translate } from '../translate';
import { add, icon, type MutableNode } from './nodes';

export type OtherStudentsShown = 'count' | 'hidden';

export function addOtherStudents(account: MutableNode, inv: Inventory, shown: OtherStudentsShown, t: Translate): void {
  const others = inv.others;
  if (!inv.student || !others || others.count === 0 || shown === 'hidden') return;
  const whose =
    others.students.length > 0
      ? t('{0} resources: {1} other students’ and the account’s', others.count, others.students.length)
      : t('{0} resources', others.count);
  const node = add(account, {
    kind: 'otherStudents',
    id: `${account.id}/otherStudents`,
    label: t('Not yours'),
    description: whose,
    tooltip: t(
      'The account is shared by a class: the explorer, the checks, the cost and the cleanup see only what is {0}’s (tagged for {0} or named with it) and what it uses.',
      inv.student,
    ),
    icon: icon('organization'),
  });
  for (const student of others.students) {
    add(node, { kind: 'otherStudent', id: `${node.id}/${student}`, label: student, icon: icon('person') });
  }
}
