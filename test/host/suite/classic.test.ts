// Seed 001's Classic Load Balancer in the editor: one made through ELB v1 as the console would (listener HTTP 80,
// its health check, WebServer registered) shows under Load balancing, its instance OutOfService with AWS's reason
// (the ping path is not served), in the real explorer; then the suite deletes it so the passes after see the lab.
import * as assert from 'node:assert/strict';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import * as vscode from 'vscode';
import { practiceClients } from '../../fixtures/practiceClients';
import { activated } from './extensionApi';
import { listing, walk, type Row } from './treeRows';

const HOST_CLB = 'host-clb';

async function rowsUntil(found: (rows: Row[]) => boolean, what: string, timeoutMs = 30_000): Promise<Row[]> {
  const api = await activated();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await vscode.commands.executeCommand('scaleOutLab.refresh');
    await api.whenInventoryLoaded();
    const rows = await walk(api.explorer);
    if (found(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${listing(rows)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function classicTests(): void {
  suite('Classic Load Balancer (seed 001)', () => {
    test('a CLB made through ELB v1 shows under Load balancing, WebServer OutOfService with AWS’s reason; deleted after', async () => {
      const api = await activated();
      await api.whenInventoryLoaded();
      const endpoint = await api.accountEndpoint();
      assert.ok(endpoint, 'the practice account has no endpoint');
      const c = practiceClients(endpoint);
      try {
        const web = await c.ec2.send(
          new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['WebServer'] }] }),
        );
        const id = web.Reservations?.[0]?.Instances?.[0]?.InstanceId;
        assert.ok(id, 'no WebServer on the practice account');
        await c.clb.send(
          new CreateLoadBalancerCommand({
            LoadBalancerName: HOST_CLB,
            Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
            AvailabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
          }),
        );
        // A ping path WebServer does not serve: it can only be OutOfService, registering first and then failing.
        await c.clb.send(
          new ConfigureHealthCheckCommand({
            LoadBalancerName: HOST_CLB,
            HealthCheck: {
              Target: 'HTTP:80/missing.html',
              Interval: 30,
              Timeout: 5,
              HealthyThreshold: 10,
              UnhealthyThreshold: 2,
            },
          }),
        );
        await c.clb.send(
          new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: HOST_CLB, Instances: [{ InstanceId: id }] }),
        );
        const rows = await rowsUntil(
          (all) => all.some((r) => r.path.includes(HOST_CLB) && r.label === 'WebServer'),
          `${HOST_CLB} with WebServer in the explorer`,
        );
        const clb = rows.find((r) => r.label === HOST_CLB);
        assert.ok(clb, listing(rows));
        assert.ok(
          clb.path.some((p) => /Load balanc/.test(p)),
          `under Load balancing: ${clb.path.join(' › ')}`,
        );
        const check = rows.find(
          (r) => r.path.includes(HOST_CLB) && /HTTP:80\/missing\.html every 30 s/.test(r.description),
        );
        assert.ok(check, `the health check as a sentence:\n${listing(rows)}`);
        const server = rows.find((r) => r.path.includes(HOST_CLB) && r.label === 'WebServer');
        assert.match(
          server?.description ?? '',
          /^OutOfService · Instance (registration is still in progress|has failed)/,
        );
        assert.match(server?.description ?? '', /ap-northeast-1a$/);
      } finally {
        await c.clb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: HOST_CLB })).catch(() => undefined);
        c.destroy();
      }
      await rowsUntil((all) => !all.some((r) => r.label === HOST_CLB), `${HOST_CLB} gone from the explorer`);
    });
  });
}
