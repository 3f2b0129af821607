// The practice account the window's extension serves, from outside it: the endpoint its server wrote into the state
// file's lock (`<pid>\n<endpoint>`, src/practice/core/stateFile.ts), trusted once that server says it is the lock's
// holder. The UI passes make resources there through the real SDK clients, as a student's other tools would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedBy } from '../../src/practice/core/share';
import { LOOPBACK_ENDPOINT } from '../../src/practice/core/stateFile';
import { repoRoot } from './hostEnv';

/** The file the extension keeps the practice account in (src/vscode/services/accountService.ts). */
const STATE_FILE = 'practice-state.json';

export async function practiceEndpoint(userData: string, timeoutMs = 30_000): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
  };
  const lock = join(userData, 'User', 'globalStorage', `${manifest.publisher}.${manifest.name}`, `${STATE_FILE}.lock`);
  const deadline = Date.now() + timeoutMs;
  let last = 'no lock yet';
  for (;;) {
    let text = '';
    try {
      text = readFileSync(lock, 'utf8');
    } catch (e) {
      last = (e as Error).message;
    }
    const [pid = '', endpoint = ''] = text.split('\n').map((l) => l.trim());
    if (LOOPBACK_ENDPOINT.test(endpoint)) {
      if ((await servedBy(endpoint)) === Number(pid)) return endpoint;
      last = `${endpoint} does not answer as pid ${pid}`;
    } else if (text) last = `the lock holds no endpoint yet ("${text.trim()}")`;
    if (Date.now() > deadline) throw new Error(`no practice account served from ${lock}: ${last}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
