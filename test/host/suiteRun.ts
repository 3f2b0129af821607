// The mocha suite (test/host/suite) inside the extension host, through VS Code's test payload: the page loaded with
// the suite's module, its run() awaited (bounded), and each `HOST_TEST pass|fail` and `HOST_METRIC` line the
// extension host's console forwarded to the page turned into an outcome or a metric.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchUrl, type Workbench } from './browser';
import type { HostResults } from './outcomes';

/** Console lines of the workbench, minus its styling and the offline noise it always makes. */
const noise =
  /open-vsx\.org|Failed to load resource|Creating a socket|connection token|Service Worker|web worker extension host|allow-scripts and allow-same-origin|AgentHost|AccountPolicyGate|reconnection-grace-time|builtin extensions cache|queryGalleryExtensions/;

function clean(line: string): string | undefined {
  const text = line.replace(/^%c\s*(INFO|WARN|\s*ERR|TRACE|DEBUG)\s+color: #\w+\s?/, '');
  return noise.test(text) ? undefined : text;
}

/** The page's console kept (and echoed while the suite runs, so a hang shows where). */
export interface WorkbenchConsole {
  readonly lines: string[];
  echo: boolean;
  readonly onLine: (line: string) => void;
}

export function workbenchConsole(): WorkbenchConsole {
  const log: WorkbenchConsole = {
    lines: [],
    echo: true,
    onLine: (line) => {
      const text = clean(line);
      if (text === undefined) return;
      log.lines.push(text);
      if (log.echo) console.log(`  | ${text.replace(/\n/g, '\n  | ')}`);
    },
  };
  return log;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export interface SuiteRun {
  serverUrl: string;
  workspace: string;
  extensionDir: string;
  suiteModule: string;
  /** The run folder: workbench-console.log is written there. */
  runRoot: string;
  budgetMs: number;
}

export async function runSuite(
  workbench: Workbench,
  log: WorkbenchConsole,
  results: HostResults,
  run: SuiteRun,
): Promise<void> {
  const { record } = results;
  await workbench.page.goto(workbenchUrl(run.serverUrl, run.workspace, run.extensionDir, run.suiteModule));
  let exitCode: number;
  try {
    exitCode = (await withTimeout(workbench.testsExited, run.budgetMs, 'extension tests')).code;
  } catch (e) {
    exitCode = -1;
    record('extension tests finish', false, (e as Error).message);
  }
  log.echo = false;
  for (const l of log.lines.filter((line) => line.startsWith('HOST_'))) {
    const test = /^HOST_TEST (pass|fail) ([^\n]*)\n?([\s\S]*)$/.exec(l);
    if (test) record(`suite: ${test[2]}`, test[1] === 'pass', test[3]);
    const metric = /^HOST_METRIC (\w+)=([\d.]+)/.exec(l);
    if (metric) results.metrics[metric[1]!] = Number(metric[2]);
  }
  if (exitCode !== 0 && !results.outcomes.some((o) => o.name.startsWith('suite:') && !o.ok)) {
    record('suite: run() resolves', false, `extension tests exited with ${exitCode}; see the console lines above`);
  }
  writeFileSync(join(run.runRoot, 'workbench-console.log'), log.lines.join('\n'));
}
