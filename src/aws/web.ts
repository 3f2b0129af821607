// How the lab reaches web pages, as a student's browser would. On AWS: plain HTTP to the host. On the practice
// account, and on any account reached through one endpoint URL: HTTP to that endpoint with the page's host in
// the Host header (the practice server answers web requests on its API port, routed by Host). A security group
// that blocks the request means no answer at all, so a short timeout is part of the answer ("timeout").
import http from 'node:http';
import type { ResolvedAccount } from './account';
import type { PageObservation, WebProbe } from '../lab/types';

export interface WebProbeOptions {
  /** How long to wait for an answer; default 1 s through an endpoint URL (loopback), 5 s on AWS. */
  timeoutMs?: number;
  /**
   * Requests at once to one place (default 16). Through an endpoint URL every page is that one place: the teacher's
   * table asks a whole class's pages at once (a request waiting for a socket is not yet on its timeout).
   */
  maxSockets?: number;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** What went wrong, in the words PageObservation.error uses. */
function errorWord(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'unreachable';
    case 'ETIMEDOUT':
      return 'timeout';
  }
  return typeof code === 'string' ? code : 'error';
}

export function createWebProbe(account: Pick<ResolvedAccount, 'endpoint'>, options: WebProbeOptions = {}): WebProbe {
  const via = account.endpoint ? new URL(account.endpoint) : undefined;
  const timeoutMs = options.timeoutMs ?? (via ? 1000 : 5000);
  // Keep-alive: a tally sends its requests one after the other to the same place.
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 });

  return {
    fetch(host: string, path: string, opts = {}): Promise<PageObservation> {
      const signal = opts.signal;
      if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      const limit = opts.timeoutMs ?? timeoutMs;
      const base = { host, path };
      return new Promise<PageObservation>((resolve, reject) => {
        let settled = false;
        const finish = (o: PageObservation | Error, isError = false) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (isError) reject(o);
          else resolve(o as PageObservation);
        };
        const req = http.request({
          agent,
          host: via ? via.hostname : host,
          port: via ? Number(via.port || 80) : 80,
          path,
          method: 'GET',
          // `Host` without a port: what a browser sends for http://host/.
          headers: { Host: host, 'User-Agent': 'aws-scale-out-lab', Accept: 'text/html' },
        });
        // The wait is the server's: it starts when the request has its socket, so a request queued behind the
        // agent's others (a class's pages through one endpoint) is not read as a server that does not answer.
        let timer: ReturnType<typeof setTimeout> | undefined;
        req.once('socket', () => {
          if (settled) return; // aborted or failed while it waited for its socket
          timer = setTimeout(() => {
            finish({ ...base, error: 'timeout' });
            req.destroy();
          }, limit);
        });
        const onAbort = () => {
          finish(signal?.reason instanceof Error ? signal.reason : new Error('aborted'), true);
          req.destroy();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        req.on('error', (error) => finish({ ...base, error: errorWord(error) }));
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES) chunks.push(chunk);
          });
          res.on('error', (error) => finish({ ...base, error: errorWord(error) }));
          res.on('end', () => {
            const servedBy = res.headers['x-served-by'];
            const location = res.headers.location;
            finish({
              ...base,
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ...(typeof servedBy === 'string' && servedBy ? { servedBy } : {}),
              // Not followed: where a redirect points says enough (WordPress's setup before it is installed).
              ...(location && (res.statusCode ?? 0) >= 300 && (res.statusCode ?? 0) < 400 ? { location } : {}),
            });
          });
        });
        req.end();
      });
    },
  };
}
