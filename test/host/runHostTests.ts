// The host tier: the extension inside a real VS Code (code-server + headless Chromium), here and in CI.
//   npx tsx test/host/runHostTests.ts [--extension DIR]      (npm run test:host builds first)
// 1. the mocha suite (test/host/suite) runs in the extension host through VS Code's test payload (suiteRun.ts);
// 2. the UI passes, with the extension loaded as a student has it (no test runner), each a file by topic:
//    explorer   the explorer clicked through to WebServer (explorer.png)                           explorerUi.ts
//    cost       the start-up reminder, the cost meter and its breakdown (cost-*.png)                costUi.ts
//    clb        a Classic Load Balancer made through ELB v1, WebServer OutOfService with AWS's reason
//               (clb-outofservice.png)                                                             classicUi.ts
//    lab        steps 1.3-1.10 from the palette, 1.8's and 1.10's charts, the walkthrough ticked, the checklist
//               with 1.5's reason, 1.9 by its fixes (tally.png, availability.png, walkthrough.png, checklist.png)
//                                                                                                  track1Ui.ts
//    ssh        step 1.5 over SSH: index.html edited in a tab, `whoami` in an SSH terminal, the tab restored
//               (ssh-editor.png, ssh-terminal.png, ssh-restored.png)                               sshUi.ts
//    diagram    the lab diagram, WebServer2's chip clicked to its explorer row (diagram.png)        diagramUi.ts
//    track4     Test-VPC from the palette, in the checklist, the explorer and the diagram           track4Ui.ts
//    database   the Databases group after the suite's failover; a reboot charted                    databaseUi.ts
//    scaling    track 3 from the palette, the Auto Scaling chart, the explorer on the group         scalingUi.ts
//    student    user05 of a class beside user06's and user07's look-alikes: Set Your User Number, the explorer
//               shows user05's only and "Not yours" counting the others (class-explorer.png)         studentUi.ts
//    class      a class of three in the account, Show Class Status: a row per student, what runs and its cost,
//               what no student owns (class-view.png); last: the Class view stays in the sidebar    classUi.ts
//    ja         the same run folder in Japanese: ja-*.png, no English left where a translation exists,
//               the checklist's labels not cut                                                     japaneseUi.ts
// 3. vsix: `vsce package` builds the VSIX and code-server's CLI installs it (vsix.ts).
// Each pass relies on those before it (lab on the suite's 1.1-1.2, ssh on lab's WebServer2…). HOST_PASSES=ja (a
// comma-separated list of the names above) runs the suite and those passes only, for working on them.
// Ends with "N passed, N failed"; exits non-zero on any failure; bounded in time; kills what it started.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, workbenchUrl, type Workbench } from './browser';
import { classicPass } from './classicUi';
import { classPass } from './classUi';
import { startCodeServer, type CodeServer } from './codeServer';
import { costPass } from './costUi';
import { databasePass, rebootChartPass } from './databaseUi';
import { diagramPass } from './diagramUi';
import { explorerPass } from './explorerUi';
import { makeRunDirs, repoRoot, serverEnv, toolchain, writeUserSettings, type RunDirs } from './hostEnv';
import { japanesePass } from './japaneseUi';
import { HostResults, type RecordCheck } from './outcomes';
import { scalingPass } from './scalingUi';
import { sshPass } from './sshUi';
import { studentPass } from './studentUi';
import { runSuite, workbenchConsole } from './suiteRun';
import { track1Pass } from './track1Ui';
import { track4Pass } from './track4Ui';
import { packageAndInstall } from './vsix';

const totalBudgetMs = Number(process.env.HOST_TEST_TIMEOUT_MS ?? 7 * 60_000);
const suiteBudgetMs = 3 * 60_000;
const artifacts = join(repoRoot, '.test-artifacts', 'host');

type UiPass = (page: Page, record: RecordCheck, artifacts: string, dirs: RunDirs) => Promise<void>;

/**
 * The English UI passes in the order they build on each other. Track 3 late: its instances change what others count;
 * the class after it: the Class view, once shown, stays in the sidebar.
 */
const uiPasses: readonly (readonly [string, UiPass])[] = [
  ['explorer', explorerPass],
  ['cost', costPass],
  ['clb', classicPass],
  ['lab', track1Pass],
  ['ssh', sshPass],
  ['diagram', diagramPass],
  ['track4', track4Pass],
  [
    'database',
    async (page, record, dir) => (await databasePass(page, record, dir), rebootChartPass(page, record, dir)),
  ],
  ['scaling', scalingPass],
  ['student', studentPass],
  ['class', classPass],
];
const known = [...uiPasses.map(([name]) => name), 'ja', 'vsix'];
const only = process.env.HOST_PASSES?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const runs = (name: string) => !only || only.includes(name);

// Typed, so that its finish() (never) ends the control flow where it is called.
const results: HostResults = new HostResults(artifacts);
let server: CodeServer | undefined;
let workbench: Workbench | undefined;

async function cleanUp(): Promise<void> {
  const b = workbench;
  const s = server;
  workbench = undefined;
  server = undefined;
  await b?.close().catch(() => undefined);
  await s?.stop();
}

/** Keep the last few runs' folders for inspection, not every run's; no failure picture of an earlier run. */
function tidyArtifacts(keep: number): void {
  const entries = readdirSync(artifacts);
  const runFolders = entries.filter((d) => d.startsWith('run-')).sort();
  for (const d of runFolders.slice(0, Math.max(0, runFolders.length - keep)))
    rmSync(join(artifacts, d), { recursive: true, force: true });
  for (const f of entries.filter((e) => e.endsWith('-failure.png'))) rmSync(join(artifacts, f), { force: true });
}

async function main(): Promise<void> {
  const unknown = (only ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0)
    results.finish(`HOST_PASSES names no pass ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const argIndex = process.argv.indexOf('--extension');
  const extensionDir = resolve(argIndex > 0 ? (process.argv[argIndex + 1] ?? '.') : repoRoot);
  const suiteModule = join(extensionDir, 'dist', 'test', 'host-suite.js');
  for (const f of [join(extensionDir, 'dist', 'extension.js'), suiteModule]) {
    if (!existsSync(f)) results.finish(`${f} is missing: build first (\`npm run test:host\` runs \`node esbuild.js\`)`);
  }
  let tools;
  try {
    tools = toolchain();
  } catch (e) {
    results.finish((e as Error).message);
  }
  mkdirSync(artifacts, { recursive: true });
  tidyArtifacts(2);
  const dirs = makeRunDirs(mkdtempSync(join(artifacts, 'run-')));
  writeUserSettings(dirs.userData, extensionDir);
  const env = serverEnv(tools, dirs);
  console.log(`host: extension ${extensionDir}\nhost: run folder ${relative(process.cwd(), dirs.root)}`);

  const t0 = Date.now();
  server = await startCodeServer(tools, dirs, env);
  console.log(`host: code-server ready at ${server.url} in ${Date.now() - t0} ms`);
  const log = workbenchConsole();
  workbench = await openWorkbench(dirs.browserProfile, log.onLine);
  const { page } = workbench;

  // 1. The mocha suite inside the extension host.
  await runSuite(workbench, log, results, {
    serverUrl: server.url,
    workspace: dirs.workspace,
    extensionDir,
    suiteModule,
    runRoot: dirs.root,
    budgetMs: suiteBudgetMs,
  });
  console.log(`host: extension tests done in ${Date.now() - t0} ms since start`);

  // 2. The UI passes, with the extension loaded as a student would have it (no test runner).
  const chosen = uiPasses.filter(([name]) => runs(name));
  if (chosen.length > 0) await page.goto(workbenchUrl(server.url, dirs.workspace, extensionDir));
  for (const [name, pass] of chosen) {
    await pass(page, results.record, artifacts, dirs);
    console.log(`host: pass ${name} done (${Date.now() - t0} ms since start)`);
  }
  await cleanUp();
  rmSync(dirs.browserProfile, { recursive: true, force: true }); // ~30 MB of Chromium cache, no evidence
  // The same window in Japanese: code-server restarted on this run's folder with the language pack (japaneseUi.ts).
  if (runs('ja')) await japanesePass(tools, dirs, env, extensionDir, results.record, artifacts);

  // 3. The VSIX.
  if (runs('vsix')) {
    try {
      const v = packageAndInstall(extensionDir, join(dirs.root, 'vsix'), tools, env);
      results.metrics.vsixKiB = Math.round(v.sizeKiB);
      results.record(`vsix: packaged (${Math.round(v.sizeKiB)} KiB) and installed as ${v.installedAs}`, true);
      console.log(`host: VSIX ${relative(process.cwd(), v.vsix)} (${Date.now() - t0} ms since start)`);
    } catch (e) {
      results.record('vsix: vsce package + code-server --install-extension', false, (e as Error).message);
    }
  }
  if (Object.keys(results.metrics).length > 0) {
    console.log(
      `host: metrics ${Object.entries(results.metrics)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  }
  results.finish();
}

const budget = setTimeout(() => {
  console.error(`host: over the ${totalBudgetMs / 1000} s budget, stopping`);
  void cleanUp().finally(() => results.finish('host tests finish within budget'));
}, totalBudgetMs);
budget.unref();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    console.error(`host: ${sig}, stopping code-server and Chromium`);
    void cleanUp().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}

main().catch(async (e: Error) => {
  await cleanUp();
  results.finish(`host run: ${e.stack ?? e.message}`);
});
