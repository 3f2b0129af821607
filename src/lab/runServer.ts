// Runners of track 0 and of the clone: 0.1 WebServer, 0.2 its Elastic IP, 1.1 snapshot, 1.2 AMI, 1.3 WebServer2,
// 1.4 its Elastic IP. Each finds what exists (by role, as the checks do) and finishes it; creates only what is
// missing, tagged at creation; waits with the SDK's waiters.
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import {
  CreateImageCommand,
  CreateSnapshotCommand,
  DescribeImagesCommand,
  RegisterImageCommand,
  RunInstancesCommand,
  type ArchitectureValues,
} from '@aws-sdk/client-ec2';
import { call, notRepeatedUnanswered } from '../aws/actions/call';
import {
  allocateAddress,
  associateAddress,
  authorizeIngress,
  createKeyPair,
  deleteKeyPair,
  ensureSecurityGroup,
  findKeyPair,
  freeTierInstanceType,
  instanceFacts,
  instancesNamed,
  ipPermission,
  latestAmazonLinux,
  startInstance,
  tagSpecs,
} from '../aws/actions/ec2';
import type { Instance, Inventory, Subnet } from '../aws/types';
import { CPS_RESEARCH_CENTER_PAGE, WEB_ROOT } from '../practice/webServerPage';
import { reason } from './codes';
import { findRoles, NAMES } from './roles';
import { clientToken, expandHome, finishRun, labTags, startRun, type Run } from './runKit';
import { cloneMissing, freeImageName } from './plan';
import {
  isLabTagged,
  labStepOf,
  StepError,
  type Reason,
  type StepContext,
  type StepId,
  type StepOutcome,
} from './types';
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

function subnetIn(inv: Inventory, vpcId: string | undefined, az: string): Subnet | undefined {
  const inAz = inv.subnets.filter((s) => s.vpcId === vpcId && s.az === az);
  return inAz.find((s) => s.isDefaultForAz) ?? inAz.find((s) => s.isPublic) ?? inAz[0];
}

/** Started and running (and its status checks passed, unless told not to wait for them). */
async function bringUp(run: Run, instance: Instance, statusOk = true): Promise<void> {
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

/** Where the console's "My IP" asks: Amazon's checkip, on the real internet. */
export const CHECKIP_URL = 'https://checkip.amazonaws.com/';

/**
 * The student's public IPv4 address from an answer of checkip: the address, or why there is none (no answer, an
 * error status, or a body that is no address, as a proxy's or LocalStack's page would be).
 */
export function myIpFrom(answer: {
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}): { ip: string } | { reason: Reason } {
  const ip = answer.body?.trim() ?? '';
  if (answer.status === 200 && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return { ip };
  if (answer.status === undefined) return { reason: reason('run.myIpUnknown', { error: answer.error ?? 'error' }) };
  if (answer.status !== 200) return { reason: reason('run.myIpUnknown', { error: `HTTP ${answer.status}` }) };
  return { reason: reason('run.myIpNotAnAddress', { answer: ip.slice(0, 40) }) };
}

/** checkip over HTTPS on the real internet (not through an endpoint URL, which only speaks the AWS APIs). */
export async function fetchCheckIp(
  signal: AbortSignal,
  url = CHECKIP_URL,
  timeoutMs = 5000,
): Promise<{ status?: number; body?: string; error?: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
    return { status: res.status, body: (await res.text()).slice(0, 200) };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const e = error as { name?: string; cause?: { code?: string } };
    return { error: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.name ?? 'error') };
  }
}

/**
 * The student's public IPv4 address as /32, as the console's "My IP" finds it. The practice account answers
 * checkip itself (through the web probe); any other account asks the real checkip, also behind an endpoint URL.
 */
export function checkIpVia(account: { readonly kind: 'practice' | 'aws' }): 'webProbe' | 'internet' {
  return account.kind === 'practice' ? 'webProbe' : 'internet';
}

async function myIpCidr(run: Run): Promise<string> {
  const answer =
    checkIpVia(run.ctx.clients.account) === 'webProbe'
      ? await run.ctx.web.fetch('checkip.amazonaws.com', '/', { signal: run.ctx.signal })
      : await fetchCheckIp(run.ctx.signal);
  const found = myIpFrom(answer);
  if ('reason' in found) throw new StepError(run.step, found.reason);
  return `${found.ip}/32`;
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
  const pem = await createKeyPair(run.aws, keyName, labTags(run.step, keyName));
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, pem.endsWith('\n') ? pem : `${pem}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  run.created.push(keyName);
}

/** launch-wizard-1 as the console's wizard makes it: HTTP 80 from anywhere, SSH 22 from the student (or anywhere). */
async function ensureWebGroup(run: Run, vpcId: string, sshSource: string): Promise<string> {
  run.progress('progress.createSecurityGroup', { name: NAMES.webSecurityGroup });
  const group = await ensureSecurityGroup(run.aws, {
    name: NAMES.webSecurityGroup,
    description: `${NAMES.webSecurityGroup}: HTTP from anywhere, SSH for the lab`,
    vpcId,
    tags: labTags(run.step, NAMES.webSecurityGroup),
  });
  (group.created ? run.created : run.reused).push(group.id);
  const ssh = sshSource === 'anywhere' ? '0.0.0.0/0' : await myIpCidr(run);
  run.progress('progress.authorize', { port: 80, source: '0.0.0.0/0, ::/0', group: NAMES.webSecurityGroup });
  await authorizeIngress(run.aws, group.id, ipPermission('tcp', 80, 80, { cidr: '0.0.0.0/0' }));
  await authorizeIngress(run.aws, group.id, ipPermission('tcp', 80, 80, { cidr6: '::/0' }));
  run.progress('progress.authorize', { port: 22, source: ssh, group: NAMES.webSecurityGroup });
  await authorizeIngress(run.aws, group.id, ipPermission('tcp', 22, 22, { cidr: ssh }));
  return group.id;
}

/** RunInstances with a ClientToken derived from the launch (and from earlier instances of that name, now terminated). */
async function launch(
  run: Run,
  spec: {
    name: string;
    imageId: string;
    type: string;
    subnet: Subnet;
    groupIds: readonly string[];
    keyName?: string;
    userData?: string;
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
        SubnetId: spec.subnet.id,
        SecurityGroupIds: [...spec.groupIds],
        ...(spec.keyName ? { KeyName: spec.keyName } : {}),
        ...(spec.userData ? { UserData: Buffer.from(spec.userData, 'utf8').toString('base64') } : {}),
        ClientToken: token,
        TagSpecifications: tagSpecs(['instance', 'volume'], labTags(run.step, spec.name)),
      }),
      o,
    ),
  );
  const id = out.Instances?.[0]?.InstanceId;
  if (!id) throw new Error('RunInstances returned no instance');
  run.created.push(id);
  return id;
}

export async function runWebServer(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('0.1', ctx);
  const name = opts.name ?? NAMES.webServer;
  const inv = await ctx.inventory();
  const existing =
    inv.instances.find((i) => i.name === name) ?? (name === NAMES.webServer ? findRoles(inv).webServer : undefined);
  if (existing) {
    run.reuse('instance', existing.id);
    await bringUp(run, existing);
    return finishRun(run);
  }
  const vpc = inv.vpcs.find((v) => v.isDefault);
  if (!vpc) throw new StepError(run.step, reason('run.noDefaultVpc'));
  const az = opts.az ?? `${inv.context.region}a`;
  const subnet = subnetIn(inv, vpc.id, az);
  if (!subnet) throw new StepError(run.step, reason('run.noSubnetInAz', { az, vpcId: vpc.id }));
  const keyName = opts.keyName ?? NAMES.keyPair;
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
    userData: webServerUserData(),
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
    allocation = await allocateAddress(run.aws, labTags(step, name));
    run.created.push(allocation.allocationId);
  }
  if (!allocation) return;
  run.progress('progress.associateAddress', { publicIp: allocation.publicIp, name });
  await associateAddress(run.aws, allocation.allocationId, instance.id);
}

function webServerOf(run: Run, inv: Inventory): Instance {
  const ws = findRoles(inv).webServer;
  if (!ws) throw new StepError(run.step, reason('webServer.missing'));
  return ws;
}

export async function runElasticIp(ctx: StepContext): Promise<StepOutcome> {
  const run = startRun('0.2', ctx);
  const inv = await ctx.inventory();
  await ensureElasticIp(run, inv, webServerOf(run, inv), '0.2');
  return finishRun(run);
}

export async function runSnapshot(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.1', ctx);
  const inv = await ctx.inventory();
  const ws = webServerOf(run, inv);
  const volumeId = ws.rootVolume?.volumeId;
  if (!volumeId) throw new StepError(run.step, reason('webServer.noRootVolume', { id: ws.id, name: ws.name ?? ws.id }));
  let snapshotId = findRoles(inv).snapshots.find((s) => s.state === 'completed' || s.state === 'pending')?.id;
  if (snapshotId) run.reuse('snapshot', snapshotId);
  else {
    run.progress('progress.createSnapshot', { volumeId });
    const tags = labTags(run.step, `${ws.name ?? NAMES.webServer}-snapshot`, {
      State: opts.state ?? 'web-server',
      Date: opts.date ?? inv.fetchedAt.slice(0, 10),
    });
    const out = await call(run.aws, 'ec2:CreateSnapshot', (o) =>
      ctx.clients.ec2.send(
        notRepeatedUnanswered(
          new CreateSnapshotCommand({
            VolumeId: volumeId,
            Description: opts.description,
            TagSpecifications: tagSpecs(['snapshot'], tags),
          }),
        ),
        o,
      ),
    );
    snapshotId = out.SnapshotId ?? '';
    run.created.push(snapshotId);
  }
  run.progress('progress.waitSnapshot', { id: snapshotId });
  await waits.snapshotCompleted(ctx, run.step, snapshotId);
  return finishRun(run);
}

/** The own AMI of that name, when it is the one this step registered (an earlier run whose answer was lost). */
async function ourImageNamed(run: Run, name: string): Promise<string | undefined> {
  const out = await call(run.aws, 'ec2:DescribeImages', (o) =>
    run.ctx.clients.ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }] }),
      o,
    ),
  );
  const image = out.Images?.find((i) => i.State !== 'deregistered');
  if (!image) return undefined;
  const tags = Object.fromEntries((image.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  if (labStepOf(tags) !== run.step) throw new StepError(run.step, reason('run.imageNameTaken', { name }));
  return image.ImageId;
}

export async function runImage(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.2', ctx);
  const inv = await ctx.inventory();
  const ws = webServerOf(run, inv);
  const roles = findRoles(inv);
  let imageId = roles.images.find((i) => i.state === 'available' || i.state === 'pending')?.id;
  if (imageId) run.reuse('image', imageId);
  else {
    // An AMI name is unique in the account: one not made from WebServer keeps its name, ours takes a free one.
    // The plan's default is already the free name: said too, as the handout's name is not the one used.
    const wanted = opts.name ?? NAMES.image;
    const name = freeImageName(inv, wanted);
    const taken =
      name !== wanted ? wanted : freeImageName(inv, NAMES.image) === name && name !== NAMES.image ? NAMES.image : '';
    if (taken) run.progress('progress.imageNameTaken', { name: taken, free: name });
    const tags = labTags(run.step, name);
    const description = `${name}: ${ws.name ?? ws.id} (${ws.id})`;
    const duplicate = { 'InvalidAMIName.Duplicate': () => undefined };
    if ((opts.method ?? 'snapshot') === 'snapshot') {
      const snapshot = roles.snapshots.find((s) => s.state === 'completed' || s.state === 'pending');
      if (!snapshot)
        throw new StepError(
          run.step,
          reason('snapshot.missing', { volumeId: ws.rootVolume?.volumeId ?? '', name: ws.name ?? ws.id }),
        );
      if (snapshot.state === 'pending') {
        run.progress('progress.waitSnapshot', { id: snapshot.id });
        await waits.snapshotCompleted(ctx, run.step, snapshot.id);
      }
      const facts = await instanceFacts(run.aws, ws.id);
      const device = ws.rootVolume?.deviceName ?? facts.rootDeviceName ?? '/dev/xvda';
      run.progress('progress.registerImage', { name, snapshotId: snapshot.id });
      imageId = await call(
        run.aws,
        'ec2:RegisterImage',
        async (o) =>
          (
            await ctx.clients.ec2.send(
              notRepeatedUnanswered(
                new RegisterImageCommand({
                  Name: name,
                  Description: description,
                  Architecture: (facts.architecture ?? 'x86_64') as ArchitectureValues,
                  RootDeviceName: device,
                  VirtualizationType: 'hvm',
                  EnaSupport: facts.enaSupport ?? true,
                  BlockDeviceMappings: [
                    {
                      DeviceName: device,
                      Ebs: {
                        SnapshotId: snapshot.id,
                        VolumeType: (ws.rootVolume?.volumeType as never) ?? 'gp2',
                        DeleteOnTermination: true,
                      },
                    },
                  ],
                  TagSpecifications: tagSpecs(['image'], tags),
                }),
              ),
              o,
            )
          ).ImageId,
        duplicate,
      );
    } else {
      run.progress('progress.createImage', { name, instanceId: ws.id });
      imageId = await call(
        run.aws,
        'ec2:CreateImage',
        async (o) =>
          (
            await ctx.clients.ec2.send(
              notRepeatedUnanswered(
                new CreateImageCommand({
                  InstanceId: ws.id,
                  Name: name,
                  Description: description,
                  NoReboot: (opts.noReboot ?? 'true') === 'true',
                  TagSpecifications: tagSpecs(['image', 'snapshot'], tags),
                }),
              ),
              o,
            )
          ).ImageId,
        duplicate,
      );
    }
    // The name was taken: by the image an earlier run registered before its answer was lost.
    if (imageId) run.created.push(imageId);
    else {
      imageId = await ourImageNamed(run, name);
      if (!imageId) throw new StepError(run.step, reason('run.imageNameTaken', { name }));
      run.reuse('image', imageId);
    }
  }
  run.progress('progress.waitImage', { id: imageId });
  await waits.imageAvailable(ctx, run.step, imageId);
  return finishRun(run);
}

/** Launches WebServer2 (or finds it) and waits until it runs; status checks are left to `waitStatus`. */
export async function launchClone(run: Run, opts: Record<string, string>, waitStatus: boolean): Promise<string> {
  const ctx = run.ctx;
  const inv = await ctx.inventory();
  const ws = webServerOf(run, inv);
  const roles = findRoles(inv);
  const name = opts.name ?? NAMES.clone;
  const existing = roles.clone;
  if (existing) {
    run.reuse('instance', existing.id);
    await bringUp(run, existing, waitStatus);
    return existing.id;
  }
  const image = roles.images.find((i) => i.state === 'available' || i.state === 'pending');
  if (!image) throw new StepError(run.step, reason('image.missing', { webServer: ws.name ?? ws.id }));
  if (image.state === 'pending') {
    run.progress('progress.waitImage', { id: image.id });
    await waits.imageAvailable(ctx, run.step, image.id);
  }
  const az = opts.az ?? `${inv.context.region}d`;
  const subnet = subnetIn(inv, ws.vpcId, az);
  if (!subnet) throw new StepError(run.step, reason('run.noSubnetInAz', { az, vpcId: ws.vpcId ?? '' }));
  const id = await launch(run, {
    name,
    imageId: image.id,
    type: ws.type,
    subnet,
    groupIds: ws.securityGroups.map((g) => g.id),
    ...(ws.keyName ? { keyName: ws.keyName } : {}),
  });
  run.progress('progress.waitRunning', { name });
  await waits.instanceRunning(ctx, run.step, id);
  if (waitStatus) {
    run.progress('progress.waitStatusOk', { name });
    await waits.instanceStatusOk(ctx, run.step, id);
  }
  return id;
}

export async function runClone(ctx: StepContext, opts: Record<string, string>): Promise<StepOutcome> {
  const run = startRun('1.3', ctx);
  await launchClone(run, opts, true);
  return finishRun(run);
}

export async function runCloneAddress(ctx: StepContext): Promise<StepOutcome> {
  const run = startRun('1.4', ctx);
  const inv = await ctx.inventory();
  const clone = findRoles(inv).clone;
  if (!clone) throw new StepError(run.step, cloneMissing(findRoles(inv)));
  await ensureElasticIp(run, inv, clone, '1.4');
  return finishRun(run);
}
