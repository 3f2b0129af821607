// planCleanup's changes to what it keeps (a kept group's HTTP put back when a lab group goes), and what it says
// when part of the account could not be read.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory, SecurityGroupRule } from '../../../src/aws/types';
import { cleanupIncomplete, planCleanup } from '../../../src/lab/cleanup/plan';
import type { CleanupItem, CleanupResult } from '../../../src/lab/cleanup/types';
import { cleanupPlanLines, cleanupResultLines } from '../../../src/present/lab/cleanupText';
import { bundleTranslator } from '../../../src/present/l10n';
import { afterTrack1 } from '../../fixtures/cleanupPlanWorld';
import { loadBalancer, webServer } from '../../fixtures/labWorld';

const ids = (list: readonly CleanupItem[]) => list.map((i) => i.id);

const en = bundleTranslator();
const http = (source: SecurityGroupRule['source']): SecurityGroupRule => ({
  protocol: 'tcp',
  fromPort: 80,
  toPort: 80,
  source,
});
const ssh: SecurityGroupRule = {
  protocol: 'tcp',
  fromPort: 22,
  toPort: 22,
  source: { kind: 'cidr', cidr: '0.0.0.0/0' },
};

/** After 1.9: launch-wizard-1 admits HTTP only from alb-sg (its 0.0.0.0/0 and ::/0 rules were removed). */
function afterSecure(extra: SecurityGroupRule[] = []): Inventory {
  const inv = afterTrack1();
  return {
    ...inv,
    securityGroups: inv.securityGroups.map((g) =>
      g.id === 'sg-web' ? { ...g, inbound: [http({ kind: 'group', groupId: 'sg-alb' }), ssh, ...extra] } : g,
    ),
  };
}

describe('planCleanup: what it changes in what it keeps', () => {
  it('puts HTTP from anywhere back in a kept group that admits HTTP only from a lab group that goes, listed first', () => {
    const plan = planCleanup(afterSecure());
    assert.deepEqual(
      plan.changes.map(
        (c) => `${c.action} ${c.groupId} ${c.protocol} ${c.fromPort}-${c.toPort} ${JSON.stringify(c.source)}`,
      ),
      [
        'authorizeIngress sg-web tcp 80-80 {"kind":"cidr","cidr":"0.0.0.0/0"}',
        'authorizeIngress sg-web tcp 80-80 {"kind":"cidr6","cidr":"::/0"}',
        'revokeIngress sg-web tcp 80-80 {"kind":"group","groupId":"sg-alb","groupName":"alb-sg"}',
      ],
    );
    assert.ok(plan.changes.every((c) => c.labGroupId === 'sg-alb' && c.labGroupName === 'alb-sg'));
    const lines = cleanupPlanLines(plan, en);
    assert.equal(lines[0], 'Changes to what is kept, made first:');
    assert.match(
      lines[1] ?? '',
      /^ {3}1\. launch-wizard-1 \(sg-web\): allow TCP 80 from 0\.0\.0\.0\/0 again, as before the lab \(its only rule for it names alb-sg \(sg-alb\), which goes\)$/,
    );
    assert.match(lines[3] ?? '', /remove the inbound rule TCP 80 from alb-sg \(sg-alb\) \(that group goes\)/);
    assert.match(lines[4] ?? '', /^To delete, in this order/);
  });

  it('puts nothing back where HTTP still comes in another way, and never opens another port', () => {
    const mine = planCleanup(afterSecure([http({ kind: 'cidr', cidr: '203.0.113.25/32' })]));
    assert.deepEqual(
      mine.changes.map((c) => c.action),
      ['revokeIngress'],
      'HTTP from the student’s address stays the way in',
    );
    const inv = afterTrack1();
    const db: Inventory = {
      ...inv,
      securityGroups: inv.securityGroups.map((g) =>
        g.id === 'sg-web'
          ? {
              ...g,
              inbound: [
                { protocol: 'tcp', fromPort: 3306, toPort: 3306, source: { kind: 'group', groupId: 'sg-alb' } },
              ],
            }
          : g,
      ),
    };
    assert.deepEqual(
      planCleanup(db).changes.map((c) => `${c.action} ${c.fromPort}`),
      ['revokeIngress 3306'],
    );
    assert.deepEqual(planCleanup(afterTrack1()).changes, [], 'nothing names alb-sg: nothing changes');
  });

  it('changes nothing for a lab group that stays (unchecked in the editor)', () => {
    const plan = planCleanup(afterSecure(), { exclude: ['sg-alb'] });
    assert.ok(!ids(plan.items).includes('sg-alb'));
    assert.deepEqual(plan.changes, []);
    assert.ok(ids(plan.items).includes(loadBalancer.arn), 'the rest still goes');
  });
});

describe('planCleanup: what could not be read', () => {
  const denied = {
    section: 'loadBalancing' as const,
    action: 'elasticloadbalancing:DescribeLoadBalancers',
    error: { kind: 'throttled' as const, action: 'elasticloadbalancing:DescribeLoadBalancers' },
  };

  it('says which section could not be read and why, in the plan', () => {
    const inv: Inventory = { ...afterTrack1(), loadBalancers: [], targetGroups: [], problems: [denied] };
    const plan = planCleanup(inv);
    assert.deepEqual(plan.unread, [denied]);
    const lines = cleanupPlanLines(plan, en);
    const at = lines.indexOf(
      'Unknown: part of the account could not be read, so this plan may miss resources of the lab:',
    );
    assert.ok(at >= 0, lines.join('\n'));
    assert.match(
      lines[at + 1] ?? '',
      /^ {2}Could not read the load balancers and target groups \(elasticloadbalancing:DescribeLoadBalancers\): \S/,
    );
    const nothing = planCleanup({
      ...inv,
      instances: [webServer],
      volumes: [],
      snapshots: [],
      images: [],
      elasticIps: [],
      securityGroups: [],
    });
    assert.deepEqual(nothing.items, []);
    assert.ok(cleanupPlanLines(nothing, en).includes('Nothing of the lab to delete in what could be read.'));
  });

  it('a result whose final check could not read a section is not "nothing billable left"', () => {
    const result: CleanupResult = {
      changed: [],
      changeFailed: [],
      deleted: [],
      failed: [],
      leftBillable: [],
      unread: [denied],
    };
    assert.equal(cleanupIncomplete(result), true);
    const lines = cleanupResultLines(result, en);
    assert.ok(!lines.includes('Nothing billable of the lab is left.'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('  Could not read the load balancers and target groups')));
    const clean = { ...result, unread: [] };
    assert.equal(cleanupIncomplete(clean), false);
    assert.ok(cleanupResultLines(clean, en).includes('Nothing billable of the lab is left.'));
    const item = planCleanup(afterTrack1()).items[0];
    assert.ok(item);
    assert.equal(
      cleanupIncomplete({ ...clean, failed: [{ item, problem: denied.error }] }),
      true,
      'a failed deletion is not a finished cleanup',
    );
  });
});
