// Debian's Chromium driven by playwright-core (no browser download here), opening the workbench
// with VS Code's smoke-test hooks: `payload` loads the extension under development (and its tests),
// `codeAutomationExit` reports when the tests' run() settles.
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Workbench {
  context: BrowserContext;
  page: Page;
  /** Console lines of the page (the extension host's console is forwarded there). */
  consoleLines: string[];
  /** Resolves with the exit code once the extension tests' run() settles. */
  testsExited: Promise<{ code: number; logs: { relativePath: string; contents: string }[] }>;
  close(): Promise<void>;
}

export function workbenchUrl(serverUrl: string, workspace: string, extensionDir: string, testsModule?: string): string {
  const payload: [string, string][] = [['extensionDevelopmentPath', `vscode-remote://remote${extensionDir}`]];
  if (testsModule) payload.push(['extensionTestsPath', `vscode-remote://remote${testsModule}`]);
  const q = new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) });
  return `${serverUrl}?${q.toString()}`;
}

export async function openWorkbench(
  profileDir: string,
  onLine: (line: string) => void,
  locale = 'en-US',
): Promise<Workbench> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 800 },
    locale, // en-US keeps labels predictable; the Japanese pass asks for ja-JP as a student's browser would
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const consoleLines: string[] = [];
  let exited!: (v: { code: number; logs: { relativePath: string; contents: string }[] }) => void;
  const testsExited = new Promise<{ code: number; logs: { relativePath: string; contents: string }[] }>(
    (r) => (exited = r),
  );
  await context.exposeFunction('codeAutomationLog', (_level: string, _msg: unknown) => undefined);
  await context.exposeFunction(
    'codeAutomationExit',
    (code: number, logs?: { relativePath: string; contents: string }[]) => exited({ code, logs: logs ?? [] }),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    const line = m.text();
    consoleLines.push(line);
    onLine(line);
  });
  return { context, page, consoleLines, testsExited, close: () => context.close() };
}
