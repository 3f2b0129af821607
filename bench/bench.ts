// `npm run bench`: the figures issues 2-4 and 10-12 name, as JSON on stdout (progress on stderr); --no-host,
// --no-lab, --no-network, --no-database, --no-scaling, --no-ssh, --no-class skip parts.
// Practice account seeded with 1,000 instances over 3 AZs, 20 load balancers, 40 target groups, 10 DB instances:
// API calls for one inventory (and with 10 instances, to show they do not grow with instances), wall time of
// one inventory over loopback, tree build time, lab diagram render time, extension bundle size, activation time in a
// real VS Code.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addScaleFixture, createStartingWorld, startPracticeServer } from '../src/practice/core/server';
import { resolveAccount } from '../src/aws/account';
import { createClients } from '../src/aws/clients';
import { fetchInventory } from '../src/aws/inventory';
import type { Inventory } from '../src/aws/types';
import { walk } from '../src/present/explorer/nodes';
import { buildExplorerTree } from '../src/present/explorer/tree';
import { diagramBody } from '../src/present/diagram/page';
import { measureHostActivation } from './hostActivation';
import { measureLab } from './lab';
import { measureDatabase } from './database';
import { measureFailoverDowntime } from './downtime';
import { measureScaling } from './scaling';
import { measureNetwork } from './network';
import { measureSsh } from './ssh';
import { measureClassBudget } from './classBudget';

const repo = join(__dirname, '..');
const SCALE = { instances: 1000, azs: 3, loadBalancers: 20, targetGroups: 40, dbInstances: 10 };
const RUNS = 7;

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return {
    medianMs: round(median),
    minMs: round(sorted[0] ?? NaN),
    maxMs: round(sorted.at(-1) ?? NaN),
    runs: samples.length,
  };
}
const round = (n: number) => Math.round(n * 100) / 100;

/** One inventory of a practice account, counting the calls; `runs` timed inventories after a warm-up. */
async function inventoryOf(fixture: typeof SCALE | undefined, runs: number) {
  const world = createStartingWorld();
  if (fixture) addScaleFixture(world, fixture);
  const server = await startPracticeServer({ world });
  const account = await resolveAccount({ source: 'practice' }, async () => server.endpoint, {});
  const clients = createClients(account, { maxAttempts: 1 });
  try {
    const warm = await fetchInventory(clients); // connections opened, SDK initialised
    const times: number[] = [];
    let last: Inventory = warm;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      last = await fetchInventory(clients);
      times.push(performance.now() - start);
    }
    return { inventory: last, times };
  } finally {
    clients.destroy();
    await server.close();
  }
}

async function main() {
  // Issue 3 first, on a fresh heap: tracks 0-1 through the lab engine (wall time against the critical path;
  // overhead per step).
  const lab = process.argv.includes('--no-lab') ? undefined : await measureLab();
  // Issue 10: track 4 (Test-VPC and its web server) and handout 004 whole, the same figures.
  const network = process.argv.includes('--no-network') ? undefined : await measureNetwork();
  const scaling = process.argv.includes('--no-scaling') ? undefined : await measureScaling();
  // Issue 11: track 2 (RDS MySQL and Aurora side by side) against its critical path, and its overhead per step.
  const database = process.argv.includes('--no-database')
    ? undefined
    : { ...(await measureDatabase()), failoverDowntime: await measureFailoverDowntime() };

  // Issue 14: polling on a budget in a class of 40 sharing one account, and the teacher's class status.
  const classBudget = process.argv.includes('--no-class') ? undefined : await measureClassBudget();

  log(`practice account with ${JSON.stringify(SCALE)}`);
  const large = await inventoryOf(SCALE, RUNS);
  // Same load balancers, target groups and databases, 100x fewer instances: calls may differ only by pages.
  const small = await inventoryOf({ ...SCALE, instances: 10 }, 1);
  const inv = large.inventory;
  if (inv.instances.length < SCALE.instances)
    throw new Error(`expected ${SCALE.instances}+ instances, saw ${inv.instances.length}`);

  log('tree build');
  const t = (message: string, ...args: Array<string | number | boolean>) =>
    message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
  const treeTimes: number[] = [];
  let nodes = 0;
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    const roots = buildExplorerTree({ status: 'loaded', inventory: inv }, t);
    treeTimes.push(performance.now() - start);
    nodes = [...walk(roots)].length;
  }

  // Issue 10: the lab diagram from the same inventory (model, SVG and page body, as the panel posts it).
  log('diagram render');
  const diagramTimes: number[] = [];
  let diagramChars = 0;
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    diagramChars = diagramBody({ status: 'loaded', inventory: inv }, t).body.length;
    diagramTimes.push(performance.now() - start);
  }

  log('activation in code-server (headless Chromium)');
  const activation = process.argv.includes('--no-host') ? undefined : await measureHostActivation();

  // Issue 4: SSH against a local OpenSSH sshd (needs root and openssh-server, as CI has).
  const ssh = process.argv.includes('--no-ssh') ? undefined : await measureSsh();

  const result = {
    fixture: SCALE,
    inventory: {
      apiCalls: inv.apiCalls,
      apiCallsWith10Instances: small.inventory.apiCalls,
      // DescribeInstances pages hold 1,000 instances and DescribeVolumes 500: only those pages add calls.
      pageLimits: { DescribeInstances: 1000, DescribeVolumes: 500 },
      instances: inv.instances.length,
      loadBalancers: inv.loadBalancers.length,
      targetGroups: inv.targetGroups.length,
      dbInstances: inv.dbInstances.length,
      wallTime: stats(large.times),
      goalMs: 1000,
    },
    tree: { nodes, buildTime: stats(treeTimes.slice(1)), goalMs: 100 },
    diagram: { characters: diagramChars, renderTime: stats(diagramTimes.slice(1)), goalMs: 200 },
    bundles: bundleSizes(),
    activation: activation ?? null,
    lab: lab ?? null,
    network: network ?? null,
    scaling: scaling ?? null,
    database: database ?? null,
    ssh: ssh ?? null,
    classBudget: classBudget ?? null,
  };
  const json = JSON.stringify(result, null, 2) + '\n';
  mkdirSync(join(repo, '.test-artifacts'), { recursive: true });
  writeFileSync(join(repo, '.test-artifacts', 'bench.json'), json);
  process.stdout.write(json);
}

/**
 * The extension's four bundles (esbuild.js) in bytes, and what a student loads: on AWS extension.js + domain.js
 * (+ ssh.js once an SSH connection opens), never practice.js; on the practice account practice.js as well.
 */
function bundleSizes() {
  const size = (name: string) => statSync(join(repo, 'dist', name)).size;
  const [extension, domain, ssh, practice] = ['extension.js', 'domain.js', 'ssh.js', 'practice.js'].map(size) as [
    number,
    number,
    number,
    number,
  ];
  const awsPath = extension + domain;
  return {
    extension,
    domain,
    ssh,
    practice,
    awsPath,
    awsPathWithSsh: awsPath + ssh,
    practicePath: awsPath + practice,
    awsPathMebibytes: round(awsPath / 1048576),
    awsPathGoalBytes: 1.5 * 1024 * 1024,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
