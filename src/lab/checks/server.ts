// Checks of track 0 and of the clone (1.1-1.5): WebServer, its Elastic IP, snapshot, AMI, WebServer2.
import type { ElasticIp, Instance, Inventory } from '../../aws/types';
import { asBalancer } from './classicDiagnosis';
import { failed, judgePage, passed, resultOf, waiting, type Problem } from './kit';
import { fix, reason } from '../codes';
import { admitLoadBalancerFix } from './diagnosis';
import { cloneMissing, fromLabImage, instanceHost, labImageName, type LabRoles } from '../roles';
import {
  addressRules,
  admitsAddresses,
  admitsLoadBalancer,
  coversTcpPort,
  groupsOf,
  knowsGroups,
} from './securityRules';
import type { CheckInput, CheckResult, Reason } from '../types';
import { namesOf } from '../layout';
import { awaitsFirstServer, firstServerMissing, originStopped } from '../origin';

/** Why WebServer is not there to build on (the reason a later step waits with). */
export function webServerMissing(): Reason {
  return reason('webServer.missing');
}

export function notRunning(instance: Instance, code: 'webServer.notRunning' | 'clone.notRunning'): Problem {
  const args = { id: instance.id, name: instance.name ?? instance.id, state: instance.state };
  return {
    reason: reason(code, args),
    fixes: instance.state === 'stopped' ? [fix('startInstance', { instanceId: instance.id, name: args.name })] : [],
  };
}

function elasticIpOf(inv: Inventory, instance: Instance): ElasticIp | undefined {
  return (
    inv.elasticIps.find((e) => e.instanceId === instance.id) ??
    inv.elasticIps.find((e) => e.publicIp === instance.elasticIp)
  );
}

/** An unassociated Elastic IP to offer (ours or any). */
function freeElasticIp(inv: Inventory): ElasticIp | undefined {
  return inv.elasticIps.find((e) => !e.instanceId && !e.associationId);
}

export function associateFix(inv: Inventory, instance: Instance) {
  const free = freeElasticIp(inv);
  return fix('associateAddress', {
    instanceId: instance.id,
    name: instance.name ?? instance.id,
    allocationId: free?.allocationId,
    publicIp: free?.publicIp,
  });
}

export function checkWebServer(input: CheckInput, roles: LabRoles): CheckResult {
  const ws = roles.webServer;
  if (!ws) return failed('0.1', [{ reason: webServerMissing() }]);
  // Seed 001 stops WebServer to image it: its part is done, the servers from the AMI serve the page.
  const stopped = stoppedOrigin(input, roles);
  if (stopped) return passed('0.1', { id: ws.id, name: ws.name, az: ws.az, type: ws.type }, [stopped]);
  if (ws.state !== 'running') return failed('0.1', [notRunning(ws, 'webServer.notRunning')]);
  const page = judgePage(input, roles, ws, 'vision');
  if (!page.ok) return failed('0.1', [page.problem]);
  return passed('0.1', { id: ws.id, name: ws.name, az: ws.az, type: ws.type, via: page.via });
}

export function checkElasticIp(input: CheckInput, roles: LabRoles): CheckResult {
  const inv = input.inventory;
  const ws = roles.webServer;
  if (!ws) return waiting('0.2', '0.1', webServerMissing());
  const eip = elasticIpOf(inv, ws);
  // Seed 001's WebServer keeps its Elastic IP while stopped; image1server is reached by its public IP.
  const kept = originAddress(input, roles, eip);
  if (kept) return kept;
  if (!eip) {
    const free = freeElasticIp(inv);
    if (free) {
      return failed('0.2', [
        {
          reason: reason('eip.notAssociated', {
            publicIp: free.publicIp,
            allocationId: free.allocationId,
            name: ws.name ?? ws.id,
          }),
          fixes: [associateFix(inv, ws)],
        },
      ]);
    }
    return failed('0.2', [
      { reason: reason('eip.missing', { name: ws.name ?? ws.id }), fixes: [associateFix(inv, ws)] },
    ]);
  }
  if (ws.state !== 'running') return failed('0.2', [notRunning(ws, 'webServer.notRunning')]);
  const page = judgePage(input, roles, ws, 'vision', eip.publicIp);
  if (!page.ok) return failed('0.2', [page.problem]);
  return passed('0.2', { publicIp: eip.publicIp, allocationId: eip.allocationId, via: page.via });
}

/** Seed 001's WebServer as the web server, stopped to be imaged: 0.1's note instead of a failure. */
function stoppedOrigin(input: CheckInput, roles: LabRoles): Reason | undefined {
  const origin = originStopped(roles, input.layout);
  if (!origin || origin.id !== roles.webServer?.id) return undefined;
  return reason('note.originStopped', {
    name: origin.name ?? origin.id,
    first: namesOf(input.layout, input.inventory.student).webServer,
  });
}

/**
 * 0.2 in seed 001's layout: WebServer's Elastic IP, kept while it is stopped (as the web server before image1server,
 * or beside it when image1server has none of its own). Undefined when 0.2 is judged as usual.
 */
function originAddress(input: CheckInput, roles: LabRoles, own: ElasticIp | undefined): CheckResult | undefined {
  const origin = originStopped(roles, input.layout);
  const ws = roles.webServer;
  if (!origin || !ws || (own && origin.id !== ws.id)) return undefined;
  const eip = elasticIpOf(input.inventory, origin);
  if (!eip) return undefined;
  const note = reason('note.originAddress', {
    origin: origin.name ?? origin.id,
    publicIp: eip.publicIp,
    name: ws.name ?? ws.id,
  });
  return passed('0.2', { publicIp: eip.publicIp, allocationId: eip.allocationId, instance: origin.id }, [note]);
}

export function checkSnapshot(input: CheckInput, roles: LabRoles): CheckResult {
  const ws = roles.webServer;
  if (!ws) return waiting('1.1', '0.1', webServerMissing());
  const volumeId = ws.rootVolume?.volumeId;
  if (!volumeId)
    return failed('1.1', [{ reason: reason('webServer.noRootVolume', { id: ws.id, name: ws.name ?? ws.id }) }]);
  const snap = roles.snapshots[0];
  if (!snap) return failed('1.1', [{ reason: reason('snapshot.missing', { volumeId, name: ws.name ?? ws.id }) }]);
  if (snap.state === 'pending')
    return failed('1.1', [{ reason: reason('snapshot.pending', { id: snap.id, progress: snap.progress ?? '0%' }) }]);
  if (snap.state !== 'completed')
    return failed('1.1', [{ reason: reason('snapshot.failed', { id: snap.id, state: snap.state }) }]);
  return passed('1.1', { id: snap.id, volumeId, description: snap.description });
}

export function checkImage(input: CheckInput, roles: LabRoles): CheckResult {
  const ws = roles.webServer;
  if (!ws) return waiting('1.2', '0.1', webServerMissing());
  const image = roles.images[0];
  if (!image) {
    const other = input.inventory.images[0];
    if (other) {
      return failed('1.2', [
        {
          reason: reason('image.notFromWebServer', {
            id: other.id,
            name: other.name ?? other.id,
            webServer: ws.name ?? ws.id,
          }),
        },
      ]);
    }
    return failed('1.2', [{ reason: reason('image.missing', { webServer: ws.name ?? ws.id }) }]);
  }
  const args = { id: image.id, name: image.name ?? image.id };
  if (image.state === 'pending') return failed('1.2', [{ reason: reason('image.pending', args) }]);
  if (image.state !== 'available')
    return failed('1.2', [{ reason: reason('image.failed', { ...args, state: image.state }) }]);
  return passed('1.2', { ...args, snapshotId: image.snapshotIds[0] });
}

const sameGroups = (a: Instance, b: Instance) =>
  a.securityGroups.length === b.securityGroups.length &&
  a.securityGroups.every((g) => b.securityGroups.some((h) => h.id === g.id));

const groupNames = (i: Instance) => i.securityGroups.map((g) => g.name || g.id).join(', ');

/** What cannot change on a launched instance: its AZ, its AMI, its key pair. Each means launching again. */
function launchProblems(inv: Inventory, roles: LabRoles, ws: Instance, clone: Instance): Problem[] {
  const name = clone.name ?? clone.id;
  const webServer = ws.name ?? ws.id;
  const problems: Problem[] = [];
  if (clone.az === ws.az)
    problems.push({ reason: reason('clone.sameAz', { id: clone.id, name, az: clone.az, webServer }) });
  // Without the storage section the AMIs are unknown, not absent (1.3 itself then says it cannot judge).
  const imagesKnown = !inv.problems.some((p) => p.section === 'storage');
  if (imagesKnown && !fromLabImage(inv, roles, clone)) {
    const image = labImageName(roles) ?? '';
    problems.push({
      reason: reason(clone.imageId === ws.imageId ? 'clone.stockImage' : 'clone.notFromImage', {
        id: clone.id,
        name,
        imageId: clone.imageId,
        webServer,
        image,
      }),
    });
  }
  if (!clone.keyName)
    problems.push({ reason: reason('clone.noKeyPair', { id: clone.id, name, keyName: ws.keyName ?? '' }) });
  return problems;
}

/**
 * What the clone's groups must admit, judged by their rules (seed 000 puts WebServer2 in launch-wizard-2): HTTP 80
 * from the load balancer or from some addresses (before 1.9), and SSH from some addresses for 1.5.
 */
function groupProblems(inv: Inventory, roles: LabRoles, ws: Instance, clone: Instance): Problem[] {
  const name = clone.name ?? clone.id;
  const groups = groupsOf(
    inv,
    clone.securityGroups.map((g) => g.id),
  );
  const first = clone.securityGroups[0];
  if (!first) return [{ reason: reason('clone.noHttp', { id: clone.id, name, groupName: '', port: 80 }) }];
  const target = { groupId: first.id, groupName: first.name || first.id, protocol: 'tcp' };
  const problems: Problem[] = [];
  // Seed 001's CLB counts as the load balancer the web group admits (after 1.9).
  const clb = roles.classicLoadBalancer;
  const lb = roles.loadBalancer ?? (clb ? asBalancer(inv, clb) : undefined);
  const albGroups = new Set([...inv.loadBalancers, ...inv.classicLoadBalancers].flatMap((l) => l.securityGroupIds));
  const fromAlb = groups.some((g) =>
    g.inbound.some((r) => coversTcpPort(r, 80) && r.source.kind === 'group' && albGroups.has(r.source.groupId)),
  );
  if (!admitsAddresses(groups, 80) && !fromAlb && !(lb && admitsLoadBalancer(groups, inv, lb, 80))) {
    // With a load balancer, admit it (what 1.9 keeps); before one exists, the handouts' HTTP from anywhere.
    const viaLb = lb ? admitLoadBalancerFix(inv, lb, clone, 80) : undefined;
    problems.push({
      reason: reason('clone.noHttp', { id: clone.id, name, groupName: target.groupName, port: 80 }),
      fixes: [viaLb ?? fix('authorizeIngress', { ...target, port: 80, cidr: '0.0.0.0/0' })],
    });
  }
  if (!admitsAddresses(groups, 22)) {
    const wsRule = addressRules(
      groupsOf(
        inv,
        ws.securityGroups.map((g) => g.id),
      ),
      22,
    )[0];
    problems.push({
      reason: reason('clone.noSsh', { id: clone.id, name, groupName: target.groupName, port: 22 }),
      fixes: wsRule ? [fix('authorizeIngress', { ...target, port: 22, cidr: wsRule.source })] : [],
    });
  }
  return problems;
}

/**
 * The group of a server behind the load balancer that admits HTTP 80 from no address and not from the load balancer
 * (its group, any balancer's group, or its subnets) — seed 003's web-userXX admitting the VPC's default group picked
 * instead of alb-userXX: nobody can reach the page. That is the load balancer's step failing (1.6, with 1.7 naming
 * the group and the rule to add), not the server: 1.3 and 4.3 pass with a note. Undefined when it admits one of them.
 */
export function shutOutOfBalancer(inv: Inventory, roles: LabRoles, instance: Instance): string | undefined {
  const clb = roles.classicLoadBalancer;
  const lb = roles.loadBalancer ?? (clb ? asBalancer(inv, clb) : undefined);
  const ids = instance.securityGroups.map((g) => g.id);
  const first = instance.securityGroups[0];
  if (!lb || !first || !knowsGroups(inv, ids)) return undefined;
  const groups = groupsOf(inv, ids);
  const albGroups = new Set([...inv.loadBalancers, ...inv.classicLoadBalancers].flatMap((l) => l.securityGroupIds));
  const fromAlb = groups.some((g) =>
    g.inbound.some((r) => coversTcpPort(r, 80) && r.source.kind === 'group' && albGroups.has(r.source.groupId)),
  );
  if (admitsAddresses(groups, 80) || fromAlb || admitsLoadBalancer(groups, inv, lb, 80)) return undefined;
  return first.name || first.id;
}

/** The note of a server shut out of its load balancer (see shutOutOfBalancer). */
export function shutOutNote(roles: LabRoles, instance: Instance, groupName: string): Reason {
  const lb = roles.loadBalancer?.name ?? roles.classicLoadBalancer?.name ?? '';
  return reason('note.shutOutOfBalancer', { name: instance.name ?? instance.id, groupName, loadBalancer: lb });
}

export function checkClone(input: CheckInput, roles: LabRoles): CheckResult {
  const inv = input.inventory;
  const ws = roles.webServer;
  if (!ws) return waiting('1.3', '0.1', webServerMissing());
  const clone = roles.clone;
  // Seed 001 launches both servers from WebServer's AMI: while WebServer is the web server, image1server is missing.
  if (awaitsFirstServer(roles, input.layout)) {
    if (roles.images.length === 0)
      return waiting('1.3', '1.2', reason('image.missing', { webServer: ws.name ?? ws.id }));
    return failed('1.3', [{ reason: firstServerMissing(roles, input.layout, input.inventory.student) }]);
  }
  if (!clone) {
    if (roles.images.length === 0)
      return waiting('1.3', '1.2', reason('image.missing', { webServer: ws.name ?? ws.id }));
    return failed('1.3', [{ reason: cloneMissing(roles) }]);
  }
  const name = clone.name ?? clone.id;
  // What cannot change first: waiting for the instance to start would be time lost.
  const launch = launchProblems(inv, roles, ws, clone);
  if (launch.length > 0) return failed('1.3', launch);
  if (clone.state !== 'running') return failed('1.3', [notRunning(clone, 'clone.notRunning')]);
  const checks = clone.statusChecks;
  if (checks && (checks.system !== 'ok' || checks.instance !== 'ok')) {
    return failed('1.3', [
      {
        reason: reason('clone.statusChecks', { id: clone.id, name, system: checks.system, instance: checks.instance }),
      },
    ]);
  }
  // Groups the account does not show cannot be judged by their rules: then they should be WebServer's.
  if (
    !knowsGroups(
      inv,
      clone.securityGroups.map((g) => g.id),
    ) &&
    !sameGroups(clone, ws)
  ) {
    return failed('1.3', [
      {
        reason: reason('clone.otherSecurityGroups', {
          id: clone.id,
          name,
          groups: groupNames(clone),
          expected: groupNames(ws),
          webServer: ws.name ?? ws.id,
        }),
      },
    ]);
  }
  const notes: Reason[] =
    clone.keyName && ws.keyName && clone.keyName !== ws.keyName
      ? [
          reason('note.otherKeyPair', {
            name,
            keyName: clone.keyName,
            webServer: ws.name ?? ws.id,
            webServerKey: ws.keyName,
          }),
        ]
      : [];
  // In WebServer's own groups, shut out of the load balancer: the group is the web tier's (1.9 set it), and what
  // it must admit is the load balancer's to say (1.6, 1.7), not a clone launched wrong.
  const shut = sameGroups(clone, ws) ? shutOutOfBalancer(inv, roles, clone) : undefined;
  const problems = groupProblems(inv, roles, ws, clone).filter((p) => !shut || p.reason.code !== 'clone.noHttp');
  if (shut !== undefined) notes.push(shutOutNote(roles, clone, shut));
  return resultOf('1.3', problems, { id: clone.id, name, az: clone.az, imageId: clone.imageId }, notes);
}

export function checkCloneAddress(input: CheckInput, roles: LabRoles): CheckResult {
  const clone = roles.clone;
  if (!roles.webServer) return waiting('1.4', '0.1', webServerMissing());
  if (!clone) return waiting('1.4', '1.3', cloneMissing(roles));
  const eip = elasticIpOf(input.inventory, clone);
  if (!eip) {
    const free = freeElasticIp(input.inventory);
    const name = clone.name ?? clone.id;
    // Worded as the fix offers it: a free address to associate, or a new one to allocate.
    return failed('1.4', [
      {
        reason: free
          ? reason('eip.notAssociated', { publicIp: free.publicIp, allocationId: free.allocationId, name })
          : reason('clone.noElasticIp', { id: clone.id, name }),
        fixes: [associateFix(input.inventory, clone)],
      },
    ]);
  }
  return passed('1.4', { publicIp: eip.publicIp, allocationId: eip.allocationId });
}

export function checkEditedPage(input: CheckInput, roles: LabRoles): CheckResult {
  const ws = roles.webServer;
  const clone = roles.clone;
  if (!ws) return waiting('1.5', '0.1', webServerMissing());
  if (!clone) return waiting('1.5', '1.3', cloneMissing(roles));
  // A clone that cannot carry the page (another AMI) or cannot be logged in to (no key pair) is 1.3's to redo.
  const relaunch = launchProblems(input.inventory, roles, ws, clone).find((p) => p.reason.code !== 'clone.sameAz');
  if (relaunch) return waiting('1.5', '1.3', relaunch.reason);
  const problems: Problem[] = [];
  const clonePage = judgePage(input, roles, clone, 'vision2');
  if (!clonePage.ok) problems.push(clonePage.problem);
  else if (clonePage.variant !== 'vision2') {
    problems.push({
      reason: reason('clone.pageNotEdited', { name: clone.name ?? clone.id, host: instanceHost(clone) ?? clone.id }),
    });
  }
  const original = judgePage(input, roles, ws, 'vision');
  if (!original.ok) problems.push(original.problem);
  else if (original.variant === 'vision2') {
    problems.push({
      reason: reason('webServer.pageEdited', { name: ws.name ?? ws.id, host: instanceHost(ws) ?? ws.id }),
    });
  }
  return resultOf('1.5', problems, { clone: clone.id });
}
