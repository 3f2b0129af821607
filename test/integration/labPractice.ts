// The lab engine against the practice account: a server at a given speed, the clients and the StepContext the
// extension builds (fresh inventories, the web probe), a world with no WebServer for track 0, and 1.5's edit
// made on the world's files (the SSH editing of a later issue).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteKeyPairCommand,
  ReleaseAddressCommand,
  TerminateInstancesCommand,
  DisassociateAddressCommand,
} from '@aws-sdk/client-ec2';
import { resolveAccount } from '../../src/aws/account';
import { createClients, type AwsClients } from '../../src/aws/clients';
import { fetchInventory } from '../../src/aws/inventory';
import { createWebProbe } from '../../src/aws/web';
import { VISION, VISION2 } from '../../src/lab/roles';
import { isLabTagged, type StepContext, type StepProgress } from '../../src/lab/types';
import { PRACTICE_REGION } from '../../src/practice/constants';
import { startPracticeServer, type PracticeServer } from '../../src/practice/server';
import type { Speed } from '../../src/practice/world';

export interface LabHarness {
  readonly server: PracticeServer;
  readonly clients: AwsClients;
  readonly home: string;
  readonly progress: StepProgress[];
  context(signal?: AbortSignal): StepContext;
  close(): Promise<void>;
}

export async function startLab(
  options: { speed?: Speed; maxAttempts?: number; requestTimeoutMs?: number } = {},
): Promise<LabHarness> {
  const server = await startPracticeServer({ speed: options.speed ?? 'instant' });
  const account = await resolveAccount(
    { source: 'practice', endpointUrl: server.endpoint },
    async () => server.endpoint,
    {},
  );
  const clients = createClients(account, {
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  const web = createWebProbe(account, { timeoutMs: 600 });
  const home = mkdtempSync(join(tmpdir(), 'sol-lab-home-'));
  const progress: StepProgress[] = [];
  return {
    server,
    clients,
    home,
    progress,
    context: (signal = new AbortController().signal) => ({
      clients,
      inventory: () => fetchInventory(clients, { abortSignal: signal }),
      web,
      signal,
      progress: (p) => progress.push(p),
      home,
    }),
    async close() {
      clients.destroy();
      await server.close();
    },
  };
}

/** The starting world without WebServer (terminated, its Elastic IP released, the key pair ec2-key deleted): track 0 from zero. */
export async function withoutWebServer(lab: LabHarness): Promise<void> {
  await lab.server.reset();
  const records = lab.server.world.region(PRACTICE_REGION);
  const ws = records.instances.find((i) => i.tags.Name === 'WebServer');
  const eip = records.addresses.find((a) => a.association?.instanceId === ws?.id);
  const ec2 = lab.clients.ec2;
  if (eip?.association) await ec2.send(new DisassociateAddressCommand({ AssociationId: eip.association.id }));
  if (eip) await ec2.send(new ReleaseAddressCommand({ AllocationId: eip.allocationId }));
  if (ws) await ec2.send(new TerminateInstancesCommand({ InstanceIds: [ws.id] }));
  await ec2.send(new DeleteKeyPairCommand({ KeyName: 'ec2-key' }));
}

/** 1.5 as a student does it over SSH: 私たちのビジョン -> 私たちのビジョン2 in WebServer2's index.html. */
export function editClonePage(lab: LabHarness, cloneId: string): void {
  const world = lab.server.world;
  const instance = world.writableRegion(PRACTICE_REGION).instances.find((i) => i.id === cloneId);
  const file = instance?.files['/var/www/html/index.html'];
  if (!file) throw new Error(`no index.html on ${cloneId}`);
  if (!file.content.includes(VISION2)) file.content = file.content.replace(VISION, VISION2);
  world.changed();
}

/** The lab's resources in the world, counted the way a duplicate would show: by kind, tag and name. */
export function labCounts(lab: LabHarness): Record<string, number> {
  const r = lab.server.world.region(PRACTICE_REGION);
  const live = r.instances.filter((i) => i.state !== 'terminated' && i.state !== 'shutting-down');
  const count = <T>(list: readonly T[], pick: (x: T) => boolean) => list.filter(pick).length;
  return {
    'instance WebServer': count(live, (i) => i.tags.Name === 'WebServer'),
    'instance WebServer2': count(live, (i) => i.tags.Name === 'WebServer2'),
    'instances tagged': count(live, (i) => isLabTagged(i.tags)),
    'key pairs ec2-key': count(r.keyPairs, (k) => k.name === 'ec2-key'),
    'security groups launch-wizard-1': count(r.securityGroups, (g) => g.name === 'launch-wizard-1'),
    'security groups alb-sg': count(r.securityGroups, (g) => g.name === 'alb-sg'),
    'elastic IPs': r.addresses.length,
    'elastic IPs unassociated': count(r.addresses, (a) => !a.association),
    snapshots: count(r.snapshots, (s) => s.state !== 'error'),
    AMIs: count(r.images, (i) => i.state !== 'deregistered'),
    'load balancers': r.loadBalancers.length,
    'target groups': r.targetGroups.length,
    listeners: r.listeners.length,
    targets: r.targetGroups.reduce((n, g) => n + g.targets.length, 0),
  };
}
