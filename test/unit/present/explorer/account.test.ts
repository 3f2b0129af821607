// The explorer's account row and its groups, and what the tree shows while loading, after a failure and when a
// section could not be read.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ROOT_ID, walk } from '../../../../src/present/explorer/nodes';
import type { ExplorerState } from '../../../../src/present/explorer/state';
import { buildExplorerTree } from '../../../../src/present/explorer/tree';
import { at, en, inventory, loaded, REGION } from '../../../fixtures/explorerWorld';

describe('explorer tree: account and groups', () => {
  it('has one account node with the groups a student thinks in, Auto Scaling only when there is some', () => {
    const roots = loaded(inventory());
    assert.equal(roots.length, 1);
    const [account] = roots;
    assert.ok(account);
    assert.equal(account.kind, 'account');
    assert.equal(account.id, ROOT_ID);
    assert.equal(account.label, 'Practice account · ap-northeast-1');
    assert.match(account.tooltip ?? '', /arn:aws:iam::123456789012:user\/student/);
    assert.deepEqual(
      account.children.map((c) => c.label),
      ['Network', 'Load balancing', 'Databases', 'Images and snapshots', 'Elastic IPs', 'Security groups'],
    );
  });

  it('labels an AWS account as profile · account id · region', () => {
    const inv = inventory();
    const [account] = loaded({
      ...inv,
      context: { ...inv.context, kind: 'aws', profile: 'student-sso', endpoint: undefined },
    });
    assert.equal(account?.label, 'student-sso · 123456789012 · ap-northeast-1');
    assert.match(account?.contextValue ?? '', /\baws\b/);
  });

  it('shows "None yet" in an empty group instead of hiding it', () => {
    const roots = loaded(inventory({ loadBalancers: [], targetGroups: [], elasticIps: [] }));
    assert.deepEqual(
      at(roots, 'Practice account · ap-northeast-1', 'Load balancing').children.map((c) => [c.kind, c.label]),
      [['empty', 'None yet']],
    );
    assert.deepEqual(
      at(roots, 'Practice account · ap-northeast-1', 'Elastic IPs').children.map((c) => c.label),
      ['None yet'],
    );
  });
});

describe('explorer tree: problems and states', () => {
  it('turns each inventory problem into an error node in its group; Auto Scaling appears to show its own', () => {
    const roots = loaded(
      inventory({
        dbInstances: [],
        dbClusters: [],
        dbSubnetGroups: [],
        dbEvents: [],
        problems: [
          {
            section: 'databases',
            action: 'rds:DescribeDBInstances',
            error: { kind: 'accessDenied', action: 'rds:DescribeDBInstances' },
          },
          {
            section: 'autoScaling',
            action: 'autoscaling:DescribeAutoScalingGroups',
            error: { kind: 'throttled', action: 'autoscaling:DescribeAutoScalingGroups' },
          },
        ],
      }),
    );
    const dbs = at(roots, 'Practice account · ap-northeast-1', 'Databases');
    assert.equal(dbs.children.length, 1, 'the error replaces "None yet"');
    const [error] = dbs.children;
    assert.equal(error?.kind, 'error');
    assert.equal(
      error?.label,
      'Access denied: your IAM permissions do not allow rds:DescribeDBInstances. Ask your administrator to allow it.',
    );
    assert.deepEqual(error?.icon, { id: 'error', color: 'charts.red' });
    const asg = at(roots, 'Practice account · ap-northeast-1', 'Auto Scaling groups');
    assert.equal(asg.children[0]?.kind, 'error');
    assert.match(asg.children[0]?.label ?? '', /limiting the request rate/);
  });

  it('shows a failed load as one error node under the account, with the command that fixes it', () => {
    const state: ExplorerState = {
      status: 'failed',
      problem: { kind: 'credentialsExpired', profile: 'student-sso', ssoLogin: 'aws sso login --profile student-sso' },
      account: { kind: 'aws', profile: 'student-sso', region: REGION },
    };
    const [account] = buildExplorerTree(state, en);
    assert.equal(account?.label, 'student-sso · ap-northeast-1');
    assert.equal(account?.children.length, 1);
    const error = account?.children[0];
    assert.equal(error?.id, 'account/error');
    assert.equal(
      error?.label,
      'Your AWS sign-in for profile "student-sso" has expired. Run: aws sso login --profile student-sso',
    );
    assert.deepEqual(error?.command?.id, 'scaleOutLab.ssoLogin');
    assert.deepEqual(error?.command?.args, ['student-sso']);
    assert.match(error?.contextValue ?? '', /\bssoLogin\b/);
    assert.match(error?.tooltip ?? '', /```sh\naws sso login --profile student-sso\n```/);

    const [none] = buildExplorerTree({ status: 'failed', problem: { kind: 'noCredentials' } }, en);
    assert.equal(none?.children[0]?.command?.id, 'scaleOutLab.chooseAccount');
    assert.match(none?.children[0]?.label ?? '', /^No AWS credentials found/);
  });

  it('keeps the last snapshot on screen when a refresh fails, with the error first and its time', () => {
    const previous = inventory();
    const good = loaded(previous);
    const [account] = buildExplorerTree(
      { status: 'failed', problem: { kind: 'throttled', action: 'ec2:DescribeInstances' }, previous },
      en,
    );
    const error = account?.children[0];
    assert.equal(error?.kind, 'error');
    assert.match(error?.label ?? '', /limiting the request rate/);
    assert.equal(error?.description, `showing ${previous.fetchedAt.slice(0, 16).replace('T', ' ')} UTC`);
    // Below it, the same groups (same ids, so expansion survives) as the last good tree.
    assert.deepEqual(
      account?.children.slice(1).map((c) => c.id),
      good[0]?.children.map((c) => c.id),
    );
    assert.ok([...walk([account!])].some((n) => n.kind === 'instance' && n.label === 'WebServer'));
  });

  it('shows "Loading…" under the account while loading, and nothing while idle (the welcome text shows)', () => {
    const [account] = buildExplorerTree({ status: 'loading', account: { kind: 'practice', region: REGION } }, en);
    assert.equal(account?.label, 'Practice account · ap-northeast-1');
    assert.deepEqual(
      account?.children.map((c) => [c.kind, c.label, c.icon?.id]),
      [['loading', 'Loading…', 'loading~spin']],
    );
    assert.deepEqual(buildExplorerTree({ status: 'idle' }, en), []);
  });
});
