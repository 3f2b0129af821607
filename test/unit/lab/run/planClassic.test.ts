// 1.6's plan with seed 001's Classic Load Balancer: the kind asked first (the handout's by default, an existing CLB
// adopted), then the CLB's own questions.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { planStep } from '../../../../src/lab/run/plan';
import type { StepPlan } from '../../../../src/lab/types';
import { classicLab } from '../../../fixtures/labClassic';
import { edit, finishedLab } from '../../../fixtures/labWorld';

const options = (plan: StepPlan) => {
  assert.ok(plan.ready, JSON.stringify(plan));
  return new Map(plan.options.map((o) => [o.key, o]));
};

describe('1.6 planned with a Classic Load Balancer', () => {
  const empty = () => edit(finishedLab(), { loadBalancers: [], targetGroups: [] });

  it('asks which load balancer, the ALB by default in the CPS handouts', () => {
    const o = options(planStep('1.6', { inventory: empty(), observations: new Map() }));
    assert.equal(o.get('balancer')?.default, 'application');
    assert.deepEqual(
      o.get('balancer')?.choices?.map((c) => c.code),
      ['choice.applicationLoadBalancer', 'choice.classicLoadBalancer'],
    );
    assert.ok(o.has('targetGroupName'));
  });

  it("seed 001's layout proposes the CLB with its own new group elb-sg and the console's ping path", () => {
    const o = options(planStep('1.6', { inventory: empty(), observations: new Map(), layout: 'seed001' }));
    assert.equal(o.get('balancer')?.default, 'classic');
    assert.ok(!o.has('targetGroupName'), 'a CLB has no target group');
    assert.equal(o.get('healthCheckPath')?.default, '/index.html');
    assert.equal(o.get('securityGroup')?.default, 'new');
    assert.deepEqual(o.get('securityGroup')?.choices?.[0]?.args, { name: 'elb-sg' });
  });

  it('choosing the CLB in the default handout asks its questions', () => {
    const o = options(planStep('1.6', { inventory: empty(), observations: new Map() }, { balancer: 'classic' }));
    assert.equal(o.get('loadBalancerName')?.default, 'LoadBalancer');
    assert.ok(!o.has('targetGroupName'));
  });

  it('a CLB the checks judge is adopted: its name and its groups', () => {
    const o = options(planStep('1.6', { inventory: classicLab(), observations: new Map() }));
    assert.equal(o.get('balancer')?.default, 'classic');
    assert.equal(o.get('securityGroup')?.default, 'keep');
    assert.deepEqual(o.get('securityGroup')?.choices?.[0]?.args, { names: 'elb-sg' });
    // 1.7-1.10 are ready with the CLB as the load balancer.
    assert.equal(planStep('1.8', { inventory: classicLab(), observations: new Map() }).ready, true);
  });
});
