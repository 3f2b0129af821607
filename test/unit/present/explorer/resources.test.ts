// The explorer's other groups: databases, images and snapshots, Elastic IPs, security groups.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { at, inventory, loaded } from '../../../fixtures/explorerWorld';

describe('explorer tree: databases, images, addresses, security groups', () => {
  it('shows RDS with Multi-AZ and both AZs, and an Aurora cluster with its writer first', () => {
    const roots = loaded(inventory());
    const dbs = at(roots, 'Practice account · ap-northeast-1', 'Databases');
    assert.deepEqual(
      dbs.children.map((c) => [c.kind, c.label]),
      [
        ['dbInstance', 'test-rds-1'],
        ['dbCluster', 'aurora-1'],
      ],
    );
    assert.equal(
      at(dbs.children, 'test-rds-1').description,
      'available · Multi-AZ · ap-northeast-1a / ap-northeast-1c',
    );
    assert.equal(at(dbs.children, 'test-rds-1').resource?.dnsName, 'test-rds-1.abc.ap-northeast-1.rds.amazonaws.com');
    assert.deepEqual(
      at(dbs.children, 'aurora-1').children.map((c) => [c.label, c.description]),
      [
        ['aurora-1-instance', 'writer · ap-northeast-1a · available'],
        ['aurora-1-slave', 'reader · ap-northeast-1c · available'],
      ],
    );
  });

  it('shows AMIs and snapshots with state, progress and size', () => {
    const roots = loaded(inventory());
    const images = at(roots, 'Practice account · ap-northeast-1', 'Images and snapshots');
    assert.deepEqual(
      images.children.map((c) => [c.kind, c.label, c.description]),
      [
        ['image', 'AMI of CPS Research Center', 'AMI · available · snap-0s1'],
        ['snapshot', 'snap-0s1', 'Snapshot · pending · 45% · 8 GiB'],
      ],
    );
  });

  it('names the instance an Elastic IP is on, and warns about one that is not', () => {
    const roots = loaded(inventory());
    const eips = at(roots, 'Practice account · ap-northeast-1', 'Elastic IPs');
    assert.deepEqual(
      eips.children.map((c) => [c.label, c.description, c.icon?.id]),
      [
        ['13.112.0.10', 'WebServer', 'location'],
        ['54.250.0.2', 'not associated — still billed', 'warning'],
      ],
    );
  });

  it('reads security-group rules as sentences', () => {
    const roots = loaded(inventory());
    const groups = at(roots, 'Practice account · ap-northeast-1', 'Security groups');
    assert.deepEqual(
      groups.children.map((c) => [c.label, c.description]),
      [
        ['alb-sg', 'sg-alb'],
        ['default', 'sg-def'],
        ['launch-wizard-1', 'sg-web'],
      ],
    );
    assert.deepEqual(
      at(groups.children, 'launch-wizard-1').children.map((c) => c.label),
      [
        'HTTP (80) from anywhere (0.0.0.0/0)',
        'HTTP (80) from anywhere (::/0)',
        'SSH (22) from 203.0.113.4/32',
        'HTTP (80) from sg-alb (alb-sg)',
        'TCP 1024–65535 from 10.0.0.0/16',
        'All traffic to anywhere (0.0.0.0/0)',
      ],
    );
    assert.equal(at(groups.children, 'launch-wizard-1', 'SSH (22) from 203.0.113.4/32').description, 'my laptop');
    assert.deepEqual(
      at(groups.children, 'default').children.map((c) => c.label),
      ['All traffic from this group'],
    );
    const noInbound = loaded(
      inventory({
        securityGroups: [{ id: 'sg-x', name: 'closed', description: '', inbound: [], outbound: [], tags: {} }],
      }),
    );
    assert.deepEqual(
      at(noInbound, 'Practice account · ap-northeast-1', 'Security groups', 'closed').children.map((c) => c.label),
      ['No inbound rules: nothing can connect in'],
    );
  });
});
