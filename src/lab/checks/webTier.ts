// 4.3: the web tier inside the lab's VPC (seed 004 §2): Test-EC2#1 running in a public subnet with a public
// address, its page answering as 0.1's does. Judged on the instance found inside Test-VPC, so WebServer in the
// default VPC never passes it.
import { reason } from '../codes';
import { findLabVpc, shownName, subnetRouting, TEST_VPC } from '../network';
import { labVpcLayout, namesOf } from '../layout';
import { findWebTier, type LabRoles } from '../roles';
import type { CheckInput, CheckResult } from '../types';
import { failed, passed, waiting } from './kit';
import { associateFix, checkWebServer, notRunning, shutOutNote, shutOutOfBalancer } from './server';

export function checkWebTier(input: CheckInput, roles: LabRoles): CheckResult {
  const inv = input.inventory;
  const vpc = findLabVpc(inv);
  if (!vpc) return waiting('4.3', '4.1', reason('vpc.missing', { name: TEST_VPC.name }));
  const ws = findWebTier(inv, vpc, input.layout);
  if (!ws) {
    return failed('4.3', [
      {
        reason: reason('webTier.missing', {
          vpc: shownName(vpc),
          name: namesOf(labVpcLayout(input.layout), inv.student).webServer,
        }),
      },
    ]);
  }
  const name = shownName(ws);
  const subnet = inv.subnets.find((s) => s.id === ws.subnetId);
  // An instance cannot change subnets: one launched in a private subnet is launched again in a public one.
  if (subnet && subnetRouting(inv, subnet).tier === 'private') {
    return failed('4.3', [{ reason: reason('webTier.privateSubnet', { name, subnet: shownName(subnet) }) }]);
  }
  // A stopped server has no public address either: starting it is the fix (it gets a new one).
  if (ws.state !== 'running') return failed('4.3', [notRunning(ws, 'webServer.notRunning')]);
  if (!ws.publicIp && !ws.elasticIp) {
    return failed('4.3', [{ reason: reason('webTier.noPublicIp', { name }), fixes: [associateFix(inv, ws)] }]);
  }
  const where = { vpc: shownName(vpc), subnet: subnet ? shownName(subnet) : (ws.subnetId ?? '') };
  const page = checkWebServer(input, { ...roles, webServer: ws });
  if (page.status !== 'passed') {
    // Shut out of the load balancer after 1.9: the page is the load balancer's steps' to judge (1.7 names the group).
    const shut = page.status === 'failed' ? shutOutOfBalancer(inv, roles, ws) : undefined;
    if (shut !== undefined)
      return passed('4.3', { id: ws.id, name: ws.name, az: ws.az, type: ws.type, ...where }, [
        shutOutNote(roles, ws, shut),
      ]);
    return { ...page, step: '4.3' };
  }
  return { ...page, step: '4.3', facts: { ...page.facts, ...where } };
}
