// The CLI names what it talks to and refuses what is not AWS: an HTML page answering 200, a socket that never
// answers (within seconds, having said what it contacts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from '../../fixtures/cliIo';

test('an endpoint answering an HTML page with 200 is an error, not an empty account', async () => {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!DOCTYPE html><html><body><br>Welcome to nginx</body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const run = captureCli({ HOME: mkdtempSync(join(tmpdir(), 'sol-acct-')) });
    assert.equal(await main(['cleanup', '--dry-run', '--endpoint-url', endpoint], run.io), 1);
    assert.equal(run.out(), '');
    assert.equal(
      run.err(),
      `Contacting ${endpoint}…\nscale-out-lab: The endpoint ${endpoint} did not answer like AWS: check the URL given with --endpoint-url.\n`,
    );
  } finally {
    server.close();
  }
});

test(
  'a socket that never answers fails within 15 s with a clear message, after saying what it contacts',
  { timeout: 30_000 },
  async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s)); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const run = captureCli({ HOME: mkdtempSync(join(tmpdir(), 'sol-acct-')) });
      const started = Date.now();
      assert.equal(await main(['check', '--endpoint-url', endpoint, '--json'], run.io), 1);
      assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
      assert.equal(run.out(), '');
      assert.match(
        run.err(),
        new RegExp(`^Contacting ${endpoint}…\\nscale-out-lab: ${endpoint} did not answer in time \\(ETIMEDOUT\\)\\.`),
      );
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  },
);
