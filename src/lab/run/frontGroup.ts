// The security group in front of a load balancer (1.6): the ALB's alb-sg and the CLB's elb-sg are made alike, HTTP
// 80 from anywhere, unless the student chose a group of their own.
import { authorizeIngress, ensureSecurityGroup, ipPermission } from '../../aws/actions/ec2';
import { labTags, type Run } from './kit';

export interface FrontGroup {
  readonly name: string;
  readonly description: string;
  /** Whether HTTP 80 is opened to IPv6 (::/0) as well: the ALB handouts' rule; the CLB's opens IPv4 only. */
  readonly ipv6: boolean;
}

/** The group the student chose, or (choice 'new') the named group made or found, with HTTP 80 from anywhere. */
export async function ensureFrontGroup(run: Run, vpcId: string, choice: string, front: FrontGroup): Promise<string> {
  if (choice !== 'new') return choice;
  const { name } = front;
  run.progress('progress.createSecurityGroup', { name });
  const group = await ensureSecurityGroup(run.aws, {
    name,
    description: front.description,
    vpcId,
    tags: labTags(run, name),
  });
  (group.created ? run.created : run.reused).push(group.id);
  run.progress('progress.authorize', { port: 80, source: front.ipv6 ? '0.0.0.0/0, ::/0' : '0.0.0.0/0', group: name });
  await authorizeIngress(run.aws, group.id, ipPermission('tcp', 80, 80, { cidr: '0.0.0.0/0' }));
  if (front.ipv6) await authorizeIngress(run.aws, group.id, ipPermission('tcp', 80, 80, { cidr6: '::/0' }));
  return group.id;
}
