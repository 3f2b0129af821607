// Entry point of the host tests inside a real VS Code (bundled to dist/test/host-suite.js).
// code-server loads it through the `extensionTestsPath` payload and awaits `run()`; desktop VS Code
// does the same through test-electron, and @vscode/test-cli loads it as a mocha file instead.
import Mocha from 'mocha';
import { activationTests } from './activation.test';
import { bundlesTests } from './bundles.test';
import { classicTests } from './classic.test';
import { costTests } from './cost.test';
import { databaseTests } from './database.test';
import { explorerTests } from './explorer.test';
import { labTests } from './lab.test';
import { scalingTests } from './scaling.test';
import { sshTests } from './ssh.test';

function declareTests(): void {
  activationTests();
  bundlesTests();
  explorerTests();
  costTests();
  labTests();
  databaseTests();
  scalingTests();
  classicTests();
  sshTests();
}

/**
 * One plain line per test (`HOST_TEST pass|fail <title>`, failure details indented below): the
 * workbench forwards the extension host's console to the page, where the runner counts them.
 */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const { EVENT_TEST_PASS, EVENT_TEST_FAIL } = Mocha.Runner.constants;
    runner.on(EVENT_TEST_PASS, (t) => console.log(`HOST_TEST pass ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on(EVENT_TEST_FAIL, (t, err: Error) =>
      console.log(`HOST_TEST fail ${t.fullTitle()}\n${err.stack ?? err.message}`.replace(/\n/g, '\n  ')),
    );
  }
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: LineReporter });
  mocha.suite.emit('pre-require', globalThis, 'host-suite', mocha);
  declareTests();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} host test(s) failed`);
}

// Under @vscode/test-cli, mocha has already installed its globals and is loading this file.
if (process.env.VSCODE_TEST_OPTIONS && typeof globalThis.suite === 'function') declareTests();
