// One practice account per state file, shared: the first process (a VS Code window, `practice serve`,
// `run --practice`) serves it and writes the file; a second one on the same file finds the holder's endpoint in
// the lock and talks to that server instead of being refused. Only a loopback endpoint whose server says it is
// the lock's holder is used.
import http from 'node:http';
import { PRACTICE_HEADER } from './constants';
import { LOOPBACK_ENDPOINT, PracticeStateError } from './stateFile';
import {
  ACCOUNT_ROUTE,
  RESET_ROUTE,
  startPracticeServer,
  type PracticeServer,
  type PracticeServerOptions,
} from './server';

export type PracticeAccount =
  /** This process serves the file (and writes it); close the server when done. */
  | { readonly kind: 'own'; readonly endpoint: string; readonly server: PracticeServer }
  /** Another process (`pid`) serves the file at `endpoint`: use it, do not close it. */
  | { readonly kind: 'shared'; readonly endpoint: string; readonly pid: number };

export interface OpenPracticeOptions extends Omit<PracticeServerOptions, 'world'> {
  stateFile: string;
  /**
   * How long a live holder that does not answer yet (starting, or closing and about to release the lock) is
   * waited for before 'locked' is thrown. Default 5 s.
   */
  waitMs?: number;
}

const PROBE_TIMEOUT_MS = 2000;
const POLL_MS = 150;

/** Serves the state file here, or shares the server of the process that does. Throws PracticeStateError. */
export async function openPracticeAccount(options: OpenPracticeOptions): Promise<PracticeAccount> {
  const { waitMs = 5000, ...serverOptions } = options;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const server = await startPracticeServer(serverOptions);
      return { kind: 'own', endpoint: server.endpoint, server };
    } catch (error) {
      if (!(error instanceof PracticeStateError) || error.code !== 'locked' || error.pid === undefined) throw error;
      if (error.endpoint && (await servedBy(error.endpoint)) === error.pid)
        return { kind: 'shared', endpoint: error.endpoint, pid: error.pid };
      // The recorded endpoint did not answer as the holder: say 'locked' without it (nothing to share).
      if (Date.now() >= deadline) throw new PracticeStateError('locked', error.file, error.pid);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/** The pid of the practice server answering at a loopback endpoint, or undefined (nothing, or not one). */
export async function servedBy(endpoint: string): Promise<number | undefined> {
  const answer = await ask(endpoint, 'GET', ACCOUNT_ROUTE).catch(() => undefined);
  return answer?.pid;
}

/** Puts a shared practice account back to its starting state, through the server that holds it. */
export async function resetSharedPracticeAccount(endpoint: string): Promise<void> {
  const answer = await ask(endpoint, 'POST', RESET_ROUTE);
  if (answer.reset !== true) throw new Error(`${endpoint} did not reset the practice account`);
}

function ask(endpoint: string, method: 'GET' | 'POST', route: string): Promise<{ pid?: number; reset?: boolean }> {
  if (!LOOPBACK_ENDPOINT.test(endpoint)) return Promise.reject(new Error(`not a loopback endpoint: ${endpoint}`));
  return new Promise((resolve, reject) => {
    const req = http.request(`${endpoint}${route}`, { method, timeout: PROBE_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        // Only the practice account's own answer counts (another program may listen on a reused port).
        if (res.statusCode !== 200 || res.headers[PRACTICE_HEADER] !== '1')
          return reject(new Error(`${endpoint} is not a practice account (HTTP ${res.statusCode})`));
        try {
          const parsed = JSON.parse(body) as { pid?: unknown; reset?: unknown };
          resolve({
            ...(typeof parsed.pid === 'number' ? { pid: parsed.pid } : {}),
            ...(parsed.reset === true ? { reset: true } : {}),
          });
        } catch (error) {
          reject(error as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${endpoint} did not answer in time`)));
    req.on('error', reject);
    req.end();
  });
}
