// Runners of track 0: 0.1 WebServer, 0.2 its Elastic IP, and what the clone's runners share (launch, a subnet in an
// AZ, bring an instance up); 1.1 and 1.2 are in image.ts, 1.3 and 1.4 in clone.ts. Each finds what exists (by role,
// as the checks do) and finishes it; creates only what is missing, tagged at creation; waits with the SDK's waiters.
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { call } from '../../aws/actions/call';
import {
  allocateAddress,
  associateAddress,
  authorizeIngress,
  createKeyPair,
  deleteKeyPair,
  ensureSecurityGroup,
  findKeyPair,
  freeTierInstanceType,
  instancesNamed,
  ipPermission,
  latestAmazonLinux,
  startInstance,
  tagSpecs,
} from '../../aws/actions/ec2';
import type { Instance, Inventory, Subnet } from '../../aws/types';
import { CPS_RESEARCH_CENTER_PAGE, WEB_ROOT } from '../../practice/seed/webServerPage';
import { reason } from '../codes';
import { namesOf } from '../layout';
import { findLabVpc, subnetRouting } from '../network';
import { findRoles, findWebTier } from '../roles';
import { originStopped } from '../origin';
import { clientToken, expandHome, finishRun, labTags, startRun, type Run } from './kit';
import { myIpCidr } from './myIp';
import { isLabTagged, labStepOf, StepError, type StepContext, type StepId, type StepOutcome } from '../types';
import { waits } from './waits';

/** The user data of 0.1: httpd, enabled at boot, serving the CPS Research Center page (a here-document). */
export function webServerUserData(page = CPS_RESEARCH_CENTER_PAGE): string {
  return [
    '#!/bin/bash',
    '# scale-out-lab 0.1: the web server of hands-on 1',
    'dnf install -y httpd',
    'systemctl enable --now httpd',
    `cat > ${WEB_ROOT}/index.html <<'EOF'`,
    page.trimEnd(),
    'EOF',
    '',
  ].join('\n');
}

/**
 * Handout 004's web server (§2): httpd and PHP, and ja.wordpress.org's latest WordPress in the web root, to be set
 * up in a browser once the database is there (2.3). The handout's script is for Amazon Linux 2 (yum,
 * amazon-linux-extras); this is the same on the Amazon Linux 2023 the runners launch.
 */
export function wordPressUserData(): string {
  return [
    '#!/bin/bash',
    '# scale-out-lab 4.3: the web server of handout 004 (WordPress)',
    'dnf install -y httpd php php-mysqlnd php-mbstring php-xml wget',
    'wget -q https://ja.wordpress.org/latest-ja.tar.gz -P /tmp/',
    'tar zxf /tmp/latest-ja.tar.gz -C /tmp',
    `cp -r /tmp/wordpress/* ${WEB_ROOT}/`,
    `chown -R apache:apache ${WEB_ROOT}`,
    'systemctl enable --now httpd',
    '',
  ].join('\n');
}

export function subnetIn(inv: Inventory, vpcId: string | undefined, az: string): Subnet | undefined {
  const inAz = inv.subnets.filter((s) => s.vpcId === vpcId && s.az === az);
  return inAz.find((s) => s.isDefaultForAz) ?? inAz.find((s) => s.isPublic) ?? inAz[0];
}

/** A subnet of the lab's VPC in that AZ whose route table reaches the internet gateway. */
export function publicSubnetIn(inv: Inventory, vpcId: string, az: string): Subnet | undefined {
  return inv.subnets.find((s) => s.vpcId === vpcId && s.az === az && subnetRouting(inv, s).tier === 'public');
}

/** Started and running (and its status checks passed, unless told not to wait for them). */
export async function bringUp(run: Run, instance: Instance, statusOk = true): Promise<void> {
  const name = instance.name ?? instance.id;
  if (instance.state === 'stopped') {
    run.progress('progress.startInstance', { name });
    await startInstance(run.aws, instance.id);
  }
  if (instance.state !== 'running') {
    run.progress('progress.waitRunning', { name });
    await waits.instanceRunning(run.ctx, run.step, instance.id);
  }
  if (statusOk) {
    run.progress('progress.waitStatusOk', { name });
    await waits.instanceStatusOk(run.ctx, run.step, instance.id);
  }
}

/**
 * The key pair, with its private key saved at `path` (0600). An existing pair is used when its .pem is there;
 * one of ours whose .pem never arrived (a lost answer) and that no instance uses is made again.
 */
async function ensureKeyPair(run: Run, inv: Inventory, keyName: string, path: string): Promise<void> {
  const existing = await findKeyPair(run.aws, keyName);
  if (existing) {
    if (existsSync(path)) return run.reuse('keyPair', keyName);
    const ours = isLabTagged(existing.tags);
    const used = inv.instances.some((i) => i.keyName === keyName);
    if (!ours || used) throw new StepError(run.step, reason('run.keyPairWithoutFile', { keyName, path }));
    await deleteKeyPair(run.aws, keyName);
  } else if (existsSync(path)) {
    throw new StepError(run.step, reason('run.keyFileExists', { keyName, path }));
  }
  run.progress('progress.createKeyPair', { name: keyName, path });
  const pem = await createKeyPair(run.aws, keyName, labTags(run, keyName));
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, pem.endsWith('\n') ? pem : `${pem}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  run.created.push(keyName);
}

/**
 * The web group as the console's wizard makes it (launch-wizard-1, seed 004's web-sg): HTTP 80 from anywhere, SSH
 * 22 from the student (or anywhere).
 */
async function ensureWebGroup(run: Run, vpcId: string, sshSource: string): Promise<string> {
  const name = namesOf(run.ctx.layout, run.ctx.student).webSecurityGroup;
  run.progress('progress.createSecurityGroup', { name });
  const group = await ensureSecurityGroup(run.aws, {
    name,
    description: `${name}: HTTP from anywhere, SSH for the lab`,
    vpcId,
    tags: labTags(run, name),
  });
  (group.created ? run.created : run.reused).push(group.id);
  const ssh = sshSource === 'anywhere' ? '0.0.0.0/0' : await myIpCidr(run);
  run.progress('progress.authorize', { port: 80, source: '0.0.0.0/0, ::/0', group: name });
  await authorizeIngress(run.aws, group.id, ipPermission('tcp', 80, 80, { cidr: '0.0.0.0/0' }));
  await authorizeIngress(run.aws, group.id, ipPermission('tcp', 80, 80, { cidr6: '::/0' }));
  run.progress('progress.authorize', { port: 22, source: ssh, group: name });
  await authorizeIngress(run.aws, group.id, ipPermission('tcp', 22, 22, { cidr: ssh }));
  return group.id;
}

/** RunInstances with a ClientToken derived from the launch (and from earlier instances of that name, now terminated). */
export async function launch(
  run: Run,
  spec: {
    name: string;
    imageId: string;
    type: string;
    subnet: Subnet;
    groupIds: readonly string[];
    keyName?: string;
    userData?: string;
    /**
     * The console's "Auto-assign public IP": true asks for an address, false refuses one whatever the subnet says,
     * absent follows the subnet's setting.
     */
    publicIp?: boolean;
  },
): Promise<string> {
  const earlier = (await instancesNamed(run.aws, spec.name))
    .filter((i) => i.state === 'terminated' || i.state === 'shutting-down')
    .map((i) => i.id);
  const token = clientToken(run.step, [
    run.ctx.clients.account.region,
    spec.name,
    spec.subnet.id,
    spec.imageId,
    spec.type,
    spec.keyName ?? '',
    ...spec.groupIds,
    ...earlier.sort(),
  ]);
  run.progress('progress.launch', { name: spec.name, az: spec.subnet.az });
  const out = await call(run.aws, 'ec2:RunInstances', (o) =>
    run.ctx.clients.ec2.send(
      new RunInstancesCommand({
        ImageId: spec.imageId,
        InstanceType: spec.type as never,
        MinCount: 1,
        MaxCount: 1,
        // A public address asked for at launch lives on the network interface, with the subnet and the groups.
        ...(spec.publicIp !== undefined
          ? {
              NetworkInterfaces: [
                {
                  DeviceIndex: 0,
                  SubnetId: spec.subnet.id,
                  Groups: [...spec.groupIds],
                  AssociatePublicIpAddress: spec.publicIp,
                },
              ],
            }
          : { SubnetId: spec.subnet.id, SecurityGroupIds: [...spec.groupIds] }),
        ...(spec.keyName ? { KeyName: spec.keyName } : {}),
        ...(spec.userData ? { UserData: Buffer.from(spec.userData, 'utf8').toString('base64') } : {}),
        ClientToken: token,
        TagSpecifications: tagSpecs(['instance', 'volume'], labTags(run, spec.name)),
      }),
      o,
    ),
  );
  const id = out.Instances?.[0]?.InstanceId;
  if (!id) throw new Error('RunInstances returned no instance');
  run.created.push(id);
  return id;
}

export async function runWebServer(ctx: StepContext, opts: Record<string, string>, step: StepId = '0.1') {
  const run = startRun(step, ctx);
  const names = namesOf(ctx.layout, ctx.student);
  const name = opts.name ?? names.webServer;
  const inv = await ctx.inventory();
  const inLabVpc = names.network === 'labVpc';
  const vpc = inLabVpc ? findLabVpc(inv) : inv.vpcs.find((v) => v.isDefault);
  // What the check accepts is finished, not launched twice: in the lab's VPC only that VPC's web server counts.
  const existing = inLabVpc
    ? vpc && (inv.instances.find((i) => i.name === name && i.vpcId === vpc.id) ?? findWebTier(inv, vpc, ctx.layout))
    : (inv.instances.find((i) => i.name === name) ??
      (name === names.webServer ? findRoles(inv, undefined, ctx.layout).webServer : undefined));
  if (existing && existing.state !== 'terminated' && existing.state !== 'shutting-down') {
    run.reuse('instance', existing.id);
    await bringUp(run, existing);
    return finishRun(run);
  }
  if (!vpc) throw new StepError(run.step, reason(inLabVpc ? 'run.noLabVpc' : 'run.noDefaultVpc'));
  const az = opts.az ?? `${inv.context.region}a`;
  // In the lab's VPC: its public subnet in that AZ (the route decides, not the name), with a public address.
  const subnet = inLabVpc ? publicSubnetIn(inv, vpc.id, az) : subnetIn(inv, vpc.id, az);
  if (!subnet) {
    throw new StepError(
      run.step,
      reason(inLabVpc ? 'run.noPublicSubnetInAz' : 'run.noSubnetInAz', { az, vpcId: vpc.id, vpc: vpc.name ?? vpc.id }),
    );
  }
  const keyName = opts.keyName ?? names.keyPair;
  const keyFile = expandHome(opts.keyFile ?? `~/.ssh/${keyName}.pem`, ctx.home ?? homedir());

  run.progress('progress.lookUpImage');
  const [image, type, groupId] = await Promise.all([
    latestAmazonLinux(run.aws),
    !opts.instanceType || opts.instanceType === 'auto'
      ? freeTierInstanceType(run.aws)
      : Promise.resolve(opts.instanceType),
    ensureWebGroup(run, vpc.id, opts.sshSource ?? 'myIp'),
    ensureKeyPair(run, inv, keyName, keyFile),
  ]);
  if (!image) throw new StepError(run.step, reason('run.noAmazonLinux', { region: inv.context.region }));
  const id = await launch(run, {
    name,
    imageId: image.id,
    type,
    subnet,
    groupIds: [groupId],
    keyName,
    userData: inLabVpc ? wordPressUserData() : webServerUserData(),
    ...(inLabVpc && !subnet.mapPublicIpOnLaunch ? { publicIp: true } : {}),
  });
  run.progress('progress.waitRunning', { name });
  await waits.instanceRunning(ctx, run.step, id);
  run.progress('progress.waitStatusOk', { name });
  await waits.instanceStatusOk(ctx, run.step, id);
  return finishRun(run);
}

/** The instance's Elastic IP: its own, else an unassociated one this step allocated before (a lost answer), else a new one. */
export async function ensureElasticIp(run: Run, inv: Inventory, instance: Instance, step: StepId): Promise<void> {
  const name = instance.name ?? instance.id;
  const own = inv.elasticIps.find((e) => e.instanceId === instance.id);
  if (own) return run.reuse('elasticIp', own.publicIp);
  const leftover = inv.elasticIps.find((e) => !e.instanceId && !e.associationId && labStepOf(e.tags) === step);
  let allocation = leftover ? { allocationId: leftover.allocationId, publicIp: leftover.publicIp } : undefined;
  if (leftover) run.reuse('elasticIp', leftover.publicIp);
  else {
    run.progress('progress.allocateAddress', { name });
    allocation = await allocateAddress(run.aws, labTags({ step, ctx: run.ctx }, name));
    run.created.push(allocation.allocationId);
  }
  if (!allocation) return;
  run.progress('progress.associateAddress', { publicIp: allocation.publicIp, name });
  await associateAddress(run.aws, allocation.allocationId, instance.id);
}

export function webServerOf(run: Run, inv: Inventory): Instance {
  const ws = findRoles(inv, undefined, run.ctx.layout).webServer;
  if (!ws) throw new StepError(run.step, reason('webServer.missing'));
  return ws;
}

export async function runElasticIp(ctx: StepContext): Promise<StepOutcome> {
  const run = startRun('0.2', ctx);
  const inv = await ctx.inventory();
  const ws = webServerOf(run, inv);
  // Seed 001's WebServer, stopped, keeps its Elastic IP: what 0.2's check accepts while the web server has none.
  const origin = originStopped(findRoles(inv, undefined, ctx.layout), ctx.layout);
  const kept = origin && inv.elasticIps.find((e) => e.instanceId === origin.id);
  const own = inv.elasticIps.some((e) => e.instanceId === ws.id);
  if (kept && !own) run.reuse('elasticIp', kept.publicIp);
  else await ensureElasticIp(run, inv, ws, '0.2');
  return finishRun(run);
}
