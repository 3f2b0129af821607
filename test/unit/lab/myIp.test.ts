// 0.1's "My IP" (SSH from the student's address): read from checkip's answer, and asked on the real internet
// (not through an endpoint URL such as LocalStack's or a proxy's, which answer 200 with a page of their own).
import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { checkIpVia, fetchCheckIp, myIpFrom } from '../../../src/lab/run/myIp';
import { bundleTranslator } from '../../../src/present/l10n';
import { reasonText } from '../../../src/present/lab/reasons';

const en = bundleTranslator();

describe('where "My IP" is asked', () => {
  it('the practice account answers it itself; any other account (also behind an endpoint URL) asks the internet', () => {
    assert.equal(checkIpVia({ kind: 'practice' }), 'webProbe');
    assert.equal(checkIpVia({ kind: 'aws' }), 'internet');
  });
});

describe('myIpFrom', () => {
  it('an address from a 200 with an IPv4 body', () => {
    assert.deepEqual(myIpFrom({ status: 200, body: '203.0.113.25\n' }), { ip: '203.0.113.25' });
  });

  it('a 200 that is no address (an endpoint that is not checkip) says what came back, not "(200)"', () => {
    const found = myIpFrom({ status: 200, body: '<html>LocalStack</html>' });
    assert.ok('reason' in found);
    assert.deepEqual(found.reason, { code: 'run.myIpNotAnAddress', args: { answer: '<html>LocalStack</html>' } });
    const words = reasonText(found.reason, en);
    assert.match(words, /answered "<html>LocalStack<\/html>", which is not an IP address/);
    assert.doesNotMatch(words, /\(200\)/);
  });

  it('no answer names the failure; an error status names the status', () => {
    const none = myIpFrom({ error: 'dns' });
    assert.ok('reason' in none);
    assert.deepEqual(none.reason, { code: 'run.myIpUnknown', args: { error: 'dns' } });
    const status = myIpFrom({ status: 503, body: '' });
    assert.ok('reason' in status);
    assert.deepEqual(status.reason, { code: 'run.myIpUnknown', args: { error: 'HTTP 503' } });
  });
});

describe('fetchCheckIp', () => {
  let server: http.Server;
  let url = '';
  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/slow') return;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('198.51.100.7\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('reads the answer of the URL itself (no endpoint in between)', async () => {
    const answer = await fetchCheckIp(new AbortController().signal, `${url}/`);
    assert.deepEqual(myIpFrom(answer), { ip: '198.51.100.7' });
  });

  it('a refused connection and a timeout are said as such', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.deepEqual(await fetchCheckIp(new AbortController().signal, `http://127.0.0.1:${port}/`), {
      error: 'ECONNREFUSED',
    });
    assert.deepEqual(await fetchCheckIp(new AbortController().signal, `${url}/slow`, 200), { error: 'timeout' });
  });

  it('the run being cancelled rejects with its reason', async () => {
    const stop = new AbortController();
    stop.abort(new Error('cancelled'));
    await assert.rejects(fetchCheckIp(stop.signal, `${url}/slow`), /cancelled/);
  });
});
