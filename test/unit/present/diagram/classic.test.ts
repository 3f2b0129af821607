// A Classic Load Balancer on the diagram: a bar like the ALB's across its AZs' columns, its health counted over the
// instances registered on it, their chips marked healthy/unhealthy from InService/OutOfService; drawn as
// "Classic Load Balancer" in both languages, and a click reveals its explorer row.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { diagramModel } from '../../../../src/present/diagram/model';
import { diagramSvg } from '../../../../src/present/diagram/svg';
import { findNodeFor } from '../../../../src/present/diagram/reveal';
import { buildExplorerTree } from '../../../../src/present/explorer/tree';
import { bundleTranslator, loadBundle } from '../../../../src/present/l10n';
import { edit, finishedLab } from '../../../fixtures/labWorld';
import { classicLoadBalancer, inService, outOfService } from '../../../fixtures/classicWorld';
import { repoRoot } from '../../../fixtures/repo';

const inv = edit(finishedLab(), {
  loadBalancers: [],
  targetGroups: [],
  classicLoadBalancers: [
    classicLoadBalancer({
      vpcId: 'vpc-1',
      azs: ['ap-northeast-1a', 'ap-northeast-1d'],
      subnetIds: [],
      instances: [inService('i-0web', 'ap-northeast-1a'), outOfService('i-0clone', 'ap-northeast-1d')],
    }),
  ],
});

describe('diagram: Classic Load Balancer', () => {
  const model = diagramModel(inv);
  const vpc = model.vpcs.find((v) => v.id === 'vpc-1');

  it('is a bar across its AZs with 1 of 2 instances healthy, and marks the chips', () => {
    assert.ok(vpc);
    assert.equal(vpc.loadBalancers.length, 1);
    const bar = vpc.loadBalancers[0];
    assert.ok(bar);
    assert.equal(bar.name, 'seed001-elb');
    assert.equal(bar.type, 'classic');
    assert.deepEqual([bar.targets, bar.healthy, bar.tone], [2, 1, 'ok']);
    assert.equal(bar.span.last - bar.span.first, vpc.columns.length - 1);
    const chips = vpc.columns.flatMap((c) => c.publicSubnets.flatMap((s) => s.instances));
    const health = new Map(chips.map((c) => ('id' in c ? [c.id, c.health] : ['', undefined])));
    assert.equal(health.get('i-0web'), 'healthy');
    assert.equal(health.get('i-0clone'), 'unhealthy');
  });

  it('draws "Classic Load Balancer" in English and Japanese', () => {
    const en = diagramSvg(model, bundleTranslator());
    assert.match(en, /seed001-elb · Classic Load Balancer/);
    assert.match(en, /1 of 2 targets healthy/);
    const ja = diagramSvg(model, bundleTranslator(loadBundle('ja', repoRoot)));
    assert.match(ja, /Classic Load Balancer/);
  });

  it('a click on the bar reveals the CLB’s row in the explorer', () => {
    const bar = vpc?.loadBalancers[0];
    assert.ok(bar);
    const roots = buildExplorerTree({ status: 'loaded', inventory: inv }, bundleTranslator());
    const found = findNodeFor(roots, bar.ref);
    assert.equal(found?.label, 'seed001-elb');
    assert.equal(found?.kind, 'loadBalancer');
  });
});
