// The practice account's HTTP endpoint: one URL for every service, as the unmodified @aws-sdk
// clients call it with only `endpoint` and static credentials set. Requests are routed by the SigV4
// credential scope (service and region; ELB v1 and v2 share one, told apart by `Version`), else by
// `Version`, else by `Action`; signatures are not checked. Answers are AWS's XML, errors included, in the service's own dialect.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { RequestContext, ServiceDefinition } from './actions';
import { advanceWorld } from './advance';
import { autoScalingService } from '../autoscaling/service';
import { cloudWatchService } from '../cloudwatch/service';
import { PRACTICE_REGION, PRACTICE_HEADER } from './constants';
import { ec2Service } from '../ec2/service';
import { isKnownRegion } from './geography';
import { elbService } from '../elb/service';
import { refreshClassicHealth } from '../elb/health';
import { elbv2Service } from '../elbv2/service';
import { PracticeError, invalidAction } from './errors';
import { FaultQueue, faultError, type Fault } from './faults';
import { AccountBuckets, type Throttling } from './throttle';
import { ec2ErrorResponse, ec2Response, queryErrorResponse, queryResponse, readInput, writeOutput } from './protocol';
import { JSON_CONTENT_TYPE, jsonErrorResponse, jsonTargetAction, readJsonInput, writeJsonOutput } from './jsonProtocol';
import { rdsService } from '../rds/service';
import { ensureRegion, unknownRegionError } from './regions';
import { createStartingState, createStartingWorld } from '../seed/startingState';
import { createClassState } from '../seed/classWorld';
import { checkClassSize } from '../seed/classRoster';
import { StateSaver, type PracticeNotice } from './stateFile';
import { openStateFile } from './stateOpen';
import { PracticeSsh, SSH_ROUTE_PREFIX, practiceSshRoute } from '../machine/sshd';
import { stsService } from '../sts/service';
import { refreshTargetHealth } from '../elbv2/targetHealth';
import { PracticeWeb } from '../machine/web';
import { webTarget } from '../machine/webTarget';
import { World, systemClock, type Speed } from './world';

export type { Fault } from './faults';
export type { Throttling } from './throttle';
export type { World } from './world';
export { PracticeStateError, type PracticeNotice, type PracticeStateErrorCode } from './stateFile';
// Seeding lives in seed.ts and scale.ts; re-exported so a test or benchmark needs one import.
export { createStartingWorld } from '../seed/startingState';
export { addScaleFixture } from '../seed/largeAccount';
export { createClassWorld } from '../seed/classWorld';
export { classRoster, type ClassRoster, type ClassStudent, type ClassStage } from '../seed/classRoster';

export interface PracticeServerOptions {
  /** Default 0: a free port. Always binds 127.0.0.1. */
  port?: number;
  /** JSON state; created with the starting state if missing; written atomically on change. */
  stateFile?: string;
  /** Clock speed for transitions: 1 = AWS's durations (default), 10 = ten times faster, 'instant'. */
  speed?: Speed;
  /** Use this world instead of loading one (benchmarks, tests). */
  world?: World;
  /**
   * AWS's API throttling (throttle.ts): `aws` answers a request above AWS's token buckets as AWS does
   * (RequestLimitExceeded, Throttling). Default `off`, or `aws` with `class`.
   */
  throttling?: Throttling;
  /** A class in one account (seed/classWorld.ts): N students' labs, 1-60, instead of the starting state. */
  class?: number;
}

export interface PracticeServer {
  /** "http://127.0.0.1:PORT" */
  readonly endpoint: string;
  readonly port: number;
  readonly world: World;
  /** What opening the state file did that the student should be told (a replaced file, a stale lock taken over, ...). */
  readonly notices: readonly PracticeNotice[];
  /** Back to the starting state (saved), with no faults pending. */
  reset(): Promise<void>;
  injectFault(fault: Fault): void;
  /** The throttling in force, and how many requests it refused, by `service:action` (reset clears them). */
  readonly throttling: Throttling;
  throttled(): Readonly<Record<string, number>>;
  /** Stops listening, closes keep-alive sockets, flushes the state file. */
  close(): Promise<void>;
}

const SERVICES: readonly ServiceDefinition[] = [
  ec2Service,
  elbv2Service,
  elbService,
  rdsService,
  autoScalingService,
  cloudWatchService,
  stsService,
];
const BY_VERSION = new Map(SERVICES.map((s) => [s.version, s]));
const CREDENTIAL_SCOPE = /Credential=[^/,\s]*\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

interface Route {
  /** Undefined when the request names a service the practice account does not offer. */
  service: ServiceDefinition | undefined;
  signingName: string;
  region: string;
}

function route(req: http.IncomingMessage, params: URLSearchParams): Route {
  const presigned = params.get('X-Amz-Credential');
  const scope = CREDENTIAL_SCOPE.exec(req.headers.authorization ?? (presigned ? `Credential=${presigned}` : ''));
  if (scope?.[1] && scope[2]) {
    // ELB v1 and v2 both sign as `elasticloadbalancing`: their `Version` tells them apart.
    const signed = SERVICES.filter((s) => s.signingName === scope[2]);
    const service = signed.find((s) => s.version === params.get('Version')) ?? signed[0];
    return { service, signingName: scope[2], region: scope[1] };
  }
  const action = params.get('Action') ?? '';
  const service =
    BY_VERSION.get(params.get('Version') ?? '') ?? SERVICES.find((s) => Object.hasOwn(s.actions, action)) ?? ec2Service;
  return { service, signingName: service.signingName, region: PRACTICE_REGION };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new PracticeError('RequestEntityTooLarge', 'Request body too large', 413));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** GET: `{"pid":N}`, who serves (sharing checks it is the lock's holder). POST /__practice/reset: the starting state. */
export const ACCOUNT_ROUTE = '/__practice/account';
export const RESET_ROUTE = '/__practice/reset';

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  requestId: string,
  contentType = 'text/xml;charset=UTF-8',
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    // Names the practice account to a client that reached it through an endpoint URL (the CLI says so).
    [PRACTICE_HEADER]: '1',
  });
  res.end(body);
}

/** Host names that can only be this machine (any port). */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/** Why a request to the API or the /__practice routes is refused, or undefined when it may go on. */
function refusal(req: http.IncomingMessage): string | undefined {
  if (!LOOPBACK_HOST.test(req.headers.host ?? ''))
    return 'The practice account answers only requests for 127.0.0.1, localhost or [::1]';
  if (req.headers.origin !== undefined || req.headers['sec-fetch-site'] === 'cross-site')
    return 'The practice account does not answer requests from web pages';
  return undefined;
}

function sendForbidden(res: http.ServerResponse, message: string, requestId: string): void {
  const body = JSON.stringify({ error: 'Forbidden', message });
  res.writeHead(403, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}

function sendError(
  res: http.ServerResponse,
  error: PracticeError,
  service: ServiceDefinition | undefined,
  requestId: string,
): void {
  if (service?.dialect === 'json' && service.json) {
    const answer = jsonErrorResponse(error, service.json.namespace, service.json.errorShapes);
    return send(res, error.status, answer.body, requestId, JSON_CONTENT_TYPE, answer.headers);
  }
  const body =
    service?.dialect === 'ec2'
      ? ec2ErrorResponse(error.code, error.message, requestId)
      : queryErrorResponse(error.code, error.message, requestId, error.status, service?.xmlns);
  send(res, error.status, body, requestId);
}

export async function startPracticeServer(options: PracticeServerOptions = {}): Promise<PracticeServer> {
  // Throws PracticeStateError when the file is another server's or its folder cannot be written.
  const notices: PracticeNotice[] = [];
  const size = options.class;
  if (size !== undefined) checkClassSize(size);
  // A class replaces what the file held, as a given world does; reset seeds the class again.
  const startingState = () => (size !== undefined ? createClassState(size) : createStartingState());
  const given = options.world ?? (size !== undefined ? new World(startingState()) : undefined);
  const opened = options.stateFile ? await openStateFile(options.stateFile, given, notices) : undefined;
  const world = opened?.world ?? given ?? createStartingWorld();
  if (options.speed !== undefined) world.clock = systemClock(options.speed);
  const saver = options.stateFile ? new StateSaver(options.stateFile, () => world.state) : undefined;
  if (saver && given) saver.request(); // a given world replaces what the file held
  const stopSaving = saver ? world.onChange(() => saver.request()) : undefined;
  // Target health keeps the time each finding began: record changes as they happen (any write, any service).
  const stopHealth = world.onChange((kind) => {
    if (kind === 'traffic') return;
    refreshTargetHealth(world);
    refreshClassicHealth(world);
  });
  const web = new PracticeWeb(world);
  // SSH servers per instance, started on the first GET /__practice/ssh/<instance-id>.
  const ssh = new PracticeSsh(world);

  const faults = new FaultQueue();
  const throttling: Throttling = options.throttling ?? (size !== undefined ? 'aws' : 'off');
  const buckets = throttling === 'aws' ? new AccountBuckets() : undefined;
  const resetWorld = async () => {
    faults.clear();
    buckets?.clear();
    world.replaceState(startingState());
    await saver?.flush();
  };
  const delays = new Set<() => void>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        delays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      delays.add(done);
    });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let service: ServiceDefinition | undefined;
    try {
      // Every answer (API or web) sees the world as of now: due transitions first.
      advanceWorld(world);
      // A Host naming an instance's public address or a load balancer's DNS name is a web request.
      const site = webTarget(world, req.headers.host);
      if (site) return web.handle(req, res, site);
      // The API and the /__practice routes (which hand out private keys) answer only local programs:
      // a DNS-rebinding Host or a browser's cross-site request is refused before it reads or runs anything.
      const refused = refusal(req);
      if (refused) return sendForbidden(res, refused, requestId);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // Another process on the same state file shares this server: it checks who answers, and resets through it.
      if (url.pathname === ACCOUNT_ROUTE || url.pathname === RESET_ROUTE) {
        const reset = req.method === 'POST' && url.pathname === RESET_ROUTE;
        if (reset) await resetWorld();
        if (!reset && req.method !== 'GET') return sendForbidden(res, 'GET or POST only', requestId);
        const json = JSON.stringify({ pid: process.pid, ...(reset ? { reset: true } : {}) });
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(json),
          [PRACTICE_HEADER]: '1',
        });
        res.end(json);
        return;
      }
      if (req.method === 'GET' && url.pathname.startsWith(SSH_ROUTE_PREFIX)) {
        const answer = await practiceSshRoute(ssh, url.pathname);
        res.writeHead(answer.status, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(answer.json),
        });
        res.end(answer.json);
        return;
      }
      const body = req.method === 'POST' ? await readBody(req) : '';
      const params = new URLSearchParams(url.search);
      const jsonBody = /^application\/x-amz-json/.test(req.headers['content-type'] ?? '');
      if (!jsonBody) for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
      const target = route(req, params);
      service = target.service;
      if (!isKnownRegion(target.region)) throw unknownRegionError(target.region, service?.dialect ?? 'query');
      const action =
        (service?.dialect === 'json' ? jsonTargetAction(req.headers['x-amz-target']) : params.get('Action')) ?? '';

      const fault = faults.take(service?.faultName ?? target.signingName, action);
      if (fault?.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'latency') await delay(fault.latencyMs ?? 1000);
      else if (fault && fault.kind !== 'replyLost')
        throw faultError(fault.kind, service?.dialect ?? 'query', target.signingName, action);

      const definition = service && Object.hasOwn(service.actions, action) ? service.actions[action] : undefined;
      if (!service || !definition) throw invalidAction(action || '(none)');
      // AWS's token buckets (throttle.ts), after the faults a test injected: a throttled request changes nothing.
      if (buckets && !buckets.request(service.faultName ?? target.signingName, action, target.region, params))
        throw faultError('throttle', service.dialect, target.signingName, action);
      const input =
        service.dialect === 'json'
          ? readJsonInput(definition.operation, body)
          : readInput(service.dialect, definition.operation, params);
      ensureRegion(world, target.region);
      const context: RequestContext = {
        world,
        region: target.region,
        records: world.region(target.region),
        requestId,
        now: world.clock.now(),
      };
      const output = await definition.handle(input, context);
      if (fault?.kind === 'replyLost') {
        req.socket.destroy();
        return;
      }
      if (service.dialect === 'json')
        return send(res, 200, writeJsonOutput(definition.operation, output), requestId, JSON_CONTENT_TYPE);
      const members = writeOutput(definition.operation, output);
      const xml =
        service.dialect === 'ec2'
          ? ec2Response(action, service.xmlns, members, requestId)
          : queryResponse(action, service.xmlns, members, requestId);
      send(res, 200, xml, requestId);
    } catch (error) {
      const answer =
        error instanceof PracticeError
          ? error
          : new PracticeError(
              service?.dialect === 'ec2' ? 'InternalError' : 'InternalFailure',
              `Practice account failure: ${String(error)}`,
              500,
            );
      sendError(res, answer, service, requestId);
    }
  }

  const server = http.createServer((req, res) => void handle(req, res));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    stopSaving?.();
    stopHealth();
    web.close();
    await ssh.close();
    await saver?.flush().catch(() => undefined);
    await opened?.lock.release();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Written into the lock so a second window or CLI on the same file shares this server (not fatal if it fails).
  await opened?.lock.announce(`http://127.0.0.1:${port}`).catch(() => undefined);
  let closed: Promise<void> | undefined;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    world,
    notices,
    reset: resetWorld,
    injectFault(fault) {
      faults.add(fault);
    },
    throttling,
    throttled: () => buckets?.throttled() ?? {},
    close() {
      closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        web.close();
        await ssh.close();
        for (const release of [...delays]) release();
        await stopped;
        stopSaving?.();
        stopHealth();
        try {
          await saver?.flush();
        } finally {
          await opened?.lock.release();
        }
      })();
      return closed;
    },
  };
}
