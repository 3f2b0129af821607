// The practice account's web: requests on the API port whose Host header names an instance's public
// IP, Elastic IP or public DNS name, or a load balancer's DNS name, are web requests (webTarget.ts), answered as
// the internet would. The student's requests come from PRACTICE_STUDENT_IP; a load balancer forwards from
// its nodes' private IPs with its security groups. Routes and security groups are enforced (reachability.ts):
// blocked means no answer at all (the socket is held until the client gives up), as on AWS. A load balancer's
// DNS name answers with its nodes in turn, as DNS round-robin does: a node in a subnet without a route to the
// internet gateway never answers, the others do. Every request an instance
// serves appends an Apache combined-log line to its access log; answers carry `X-Served-By`.
//
// With PHP installed, `.php` scripts of a WordPress installation are answered by the practice WordPress
// (wordpress/site.ts), POST bodies read for its forms; a script whose database connection hangs answers after PHP's
// connect timeout when asked directly, and through a load balancer ends as its 504 after the ALB's idle timeout.
//
// Health checks are logged lazily (healthCheckLog.ts): when an instance serves a request, the checks the load
// balancers' nodes would have sent since the last logged one are appended first.
import type http from 'node:http';
import { PRACTICE_STUDENT_IP } from '../core/constants';
import { countRequest } from './cpu';
import { admitsInbound, connectionAllowed } from './firewall';
import { STUDENT, nodeReachableFromInternet, reachableFromInternet } from './reachability';
import {
  HTTPD_PORT,
  appendAccessLog,
  combinedLogLine,
  httpdAnswer,
  httpdRunning,
  phpScript,
  type HttpAnswer,
} from './httpd';
import { runWordPress } from './wordpress/site';
import { WEB_ROOT } from '../seed/webServerPage';
import { loadBalancerState, nodeIps, scaled } from '../elbv2/model';
import { HealthCheckLog } from './healthCheckLog';
import type { InstanceRecord } from '../core/records';
import { HealthEvaluator, type CheckingNodes } from '../elbv2/targetHealth';
import { classicErrorAnswer, classicNamed, classicPool } from '../elb/web';
import type { World } from '../core/world';
import type { WebTarget } from './webTarget';

/** How long a blocked request is held before its socket is closed (the client's timeout fires first). */
const HOLD_MS = 60_000;
/** An ALB gives up connecting to a target after 10 s (504), at the clock's speed. */
const TARGET_CONNECT_TIMEOUT_MS = 10_000;
const APACHE = 'Apache/2.4.62 (Amazon Linux)';
/** PHP's mysqli gives up connecting after default_socket_timeout (60 s); an ALB's idle timeout is 60 s too. */
const PHP_CONNECT_TIMEOUT_MS = 60_000;
const ALB_IDLE_TIMEOUT_MS = 60_000;
/** The most of a request body read (a form's fields). */
const MAX_BODY_BYTES = 1024 * 1024;

/** A request as an instance's httpd sees it. */
interface Visit {
  sourceIp: string;
  method: string;
  path: string;
  httpVersion: string;
  referer?: string;
  userAgent?: string;
  host: string;
  body: string;
  cookie?: string;
}

/** An instance's answer: hung while a PHP script waits for a database that does not answer. */
interface Served {
  answer: HttpAnswer;
  headers: Record<string, string>;
  hang: boolean;
}

function albPage(status: number, title: string): HttpAnswer {
  return {
    status,
    contentType: 'text/html',
    body: `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  };
}

export class PracticeWeb {
  private readonly roundRobin = new Map<string, number>();
  /** The node each next request to a load balancer's DNS name lands on (DNS round-robin over its zones). */
  private readonly landings = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private readonly healthLog: HealthCheckLog;

  constructor(private readonly world: World) {
    this.healthLog = new HealthCheckLog(world);
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse, target: WebTarget): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once('end', () => this.route(req, res, target, Buffer.concat(chunks).toString('utf8')));
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, target: WebTarget, body: string): void {
    if (target.kind === 'checkip')
      return this.answer(req, res, { status: 200, contentType: 'text/plain', body: `${PRACTICE_STUDENT_IP}\n` }, {});
    if (target.kind === 'nowhere') return this.hold(req);
    if (target.kind === 'instance') return this.direct(req, res, target, body);
    if (target.kind === 'classicLoadBalancer') return this.throughClassic(req, res, target, body);
    return this.throughLoadBalancer(req, res, target, body);
  }

  /** Stops the timers of held and delayed requests (the server closes their sockets). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private visit(req: http.IncomingMessage, sourceIp: string, body: string): Visit {
    return {
      host: req.headers.host ?? '',
      body,
      ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
      sourceIp,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      httpVersion: req.httpVersion,
      referer: req.headers.referer,
      userAgent: req.headers['user-agent'],
    };
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  /** No answer: the packets are dropped. The socket is closed after a while so nothing leaks. */
  private hold(req: http.IncomingMessage): void {
    const socket = req.socket;
    const timer = this.later(HOLD_MS, () => socket.destroy());
    socket.once('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  /** Nothing listens on the port: the connection is refused (reset). */
  private refuse(req: http.IncomingMessage): void {
    req.socket.destroy();
  }

  private answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    answer: HttpAnswer,
    headers: Record<string, string>,
  ): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(answer.status, {
      'Content-Type': answer.contentType,
      'Content-Length': Buffer.byteLength(answer.body),
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  }

  /** The instance's httpd answers and logs the request (health checks due first); the world records the log. */
  private serve(region: string, instance: InstanceRecord, visit: Visit): Served {
    const served = this.run(region, instance, visit);
    const answer = served.answer;
    const records = this.world.writableRegion(region);
    const lines = this.healthLog.due(records, instance);
    lines.push(
      combinedLogLine({
        sourceIp: visit.sourceIp,
        at: this.world.clock.now(),
        method: visit.method,
        path: visit.path,
        httpVersion: visit.httpVersion,
        status: answer.status,
        bytes: visit.method === 'HEAD' ? 0 : Buffer.byteLength(answer.body),
        referer: visit.referer,
        userAgent: visit.userAgent,
      }),
    );
    appendAccessLog(instance, lines);
    // The request's CPU cost (Contract 4), for the instance that served it, direct or through a load balancer.
    countRequest(records, instance.id, this.world.clock.now(), this.world.clock);
    this.world.changed('traffic');
    return served;
  }

  /** What httpd answers: a PHP script of a WordPress installation, a file, or 405 for a POST to a file. */
  private run(region: string, instance: InstanceRecord, visit: Visit): Served {
    const script = ['GET', 'HEAD', 'POST'].includes(visit.method) ? phpScript(instance, visit.path) : undefined;
    const php = script
      ? runWordPress(
          instance,
          {
            region,
            records: () => this.world.writableRegion(region),
            now: () => this.world.clock.now(),
            changed: () => this.world.changed(),
          },
          WEB_ROOT,
          script,
          {
            method: visit.method,
            url: visit.path,
            host: visit.host,
            body: visit.body,
            ...(visit.cookie ? { cookie: visit.cookie } : {}),
          },
        )
      : undefined;
    if (php) {
      const response = php.kind === 'hang' ? php.then : php.response;
      const headers: Record<string, string> = { 'X-Powered-By': 'PHP/8.2.26', ...response.headers };
      return { answer: response, headers, hang: php.kind === 'hang' };
    }
    if (visit.method === 'GET' || visit.method === 'HEAD' || (visit.method === 'POST' && script))
      return { answer: httpdAnswer(instance, visit.path), headers: {}, hang: false };
    const answer = {
      status: 405,
      contentType: 'text/html; charset=iso-8859-1',
      body: `<html><head><title>405 Method Not Allowed</title></head><body><h1>Method Not Allowed</h1></body></html>\n`,
    };
    return { answer, headers: {}, hang: false };
  }

  private direct(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    target: Extract<WebTarget, { kind: 'instance' }>,
    body: string,
  ): void {
    const records = this.world.region(target.region);
    const instance = records.instances.find((i) => i.id === target.instanceId);
    if (!instance || !reachableFromInternet(records, instance, target.port)) return this.hold(req);
    if (target.port !== HTTPD_PORT || !httpdRunning(instance)) return this.refuse(req);
    const served = this.serve(target.region, instance, this.visit(req, PRACTICE_STUDENT_IP, body));
    const headers = { Server: APACHE, 'X-Served-By': instance.id, ...served.headers };
    if (!served.hang) return this.answer(req, res, served.answer, headers);
    this.later(scaled(PHP_CONNECT_TIMEOUT_MS, this.world.clock.speed), () =>
      this.answer(req, res, served.answer, headers),
    );
  }

  private throughLoadBalancer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    target: Extract<WebTarget, { kind: 'loadBalancer' }>,
    body: string,
  ): void {
    const records = this.world.region(target.region);
    const now = this.world.clock.now();
    const lb = records.loadBalancers.find((l) => l.arn === target.arn);
    if (!lb || lb.scheme !== 'internet-facing' || loadBalancerState(lb, now) !== 'active') return this.hold(req);
    const listener = records.listeners.find((l) => l.loadBalancerArn === lb.arn && l.port === target.port);
    if (!listener) return this.hold(req);
    const landing = this.landingZone(lb);
    if (!landing || !nodeReachableFromInternet(records, lb, landing.subnetId)) return this.hold(req);
    if (!admitsInbound(lb.securityGroupIds, STUDENT, target.port, records.securityGroups)) return this.hold(req);
    const alb = { Server: 'awselb/2.0' };
    const group = records.targetGroups.find(
      (g) => g.arn === listener.defaultActions.find((a) => a.type === 'forward')?.targetGroupArn,
    );
    if (!group) return this.answer(req, res, albPage(503, 'Service Temporarily Unavailable'), alb);

    const evaluator = new HealthEvaluator(records, now, this.world.clock.speed);
    if (evaluator.refresh([group])) this.world.changed();
    const enabled = new Set(lb.zones.map((z) => z.az));
    const candidates = group.targets
      .map((t) => ({ target: t, instance: evaluator.instance(t.id), state: evaluator.health(group, t).state }))
      .filter((c) => c.instance && enabled.has(c.instance.az));
    const healthy = candidates.filter((c) => c.state === 'healthy');
    // Fail open, as ALB does: with no healthy target, every target still being checked gets traffic.
    const pool = healthy.length ? healthy : candidates.filter((c) => c.state === 'unhealthy' || c.state === 'initial');
    if (pool.length === 0) return this.answer(req, res, albPage(503, 'Service Temporarily Unavailable'), alb);
    const turn = this.roundRobin.get(lb.arn) ?? 0;
    this.roundRobin.set(lb.arn, turn + 1);
    const chosen = pool[turn % pool.length];
    const instance = chosen?.instance;
    if (!chosen || !instance) return this.answer(req, res, albPage(503, 'Service Temporarily Unavailable'), alb);

    this.forward(req, res, { region: target.region, lb, instance, port: chosen.target.port, body }, albPage, alb);
  }

  /** A Classic Load Balancer: its listener's instance port, round robin over InService instances, 503 with none. */
  private throughClassic(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    target: Extract<WebTarget, { kind: 'classicLoadBalancer' }>,
    body: string,
  ): void {
    const records = this.world.region(target.region);
    const lb = classicNamed(records, target.name);
    if (!lb || lb.scheme !== 'internet-facing') return this.hold(req);
    const listener = lb.listeners.find((l) => l.port === target.port);
    if (!listener) return this.hold(req);
    const landing = this.landingZone(lb);
    if (!landing || !nodeReachableFromInternet(records, lb, landing.subnetId)) return this.hold(req);
    if (!admitsInbound(lb.securityGroupIds, STUDENT, target.port, records.securityGroups)) return this.hold(req);
    const { pool, changed } = classicPool(records, lb, landing.az, this.world.clock.now(), this.world.clock.speed);
    if (changed) this.world.changed();
    const turn = this.roundRobin.get(lb.arn) ?? 0;
    this.roundRobin.set(lb.arn, turn + 1);
    const instance = pool[turn % Math.max(1, pool.length)];
    const page = (status: number) => classicErrorAnswer(status);
    if (!instance) return this.answer(req, res, page(503), {});
    this.forward(req, res, { region: target.region, lb, instance, port: listener.instancePort, body }, page, {});
  }

  /**
   * The load balancer's node in the instance's AZ opens a connection to it: blocked or stopped, the load balancer
   * answers 504 after its connect timeout; nothing listening, 502; a PHP script that hangs, 504 at the idle timeout.
   */
  private forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    hop: { region: string; lb: CheckingNodes; instance: InstanceRecord; port: number; body: string },
    page: (status: number, title: string) => HttpAnswer,
    own: Record<string, string>,
  ): void {
    const { lb, instance, port } = hop;
    const records = this.world.region(hop.region);
    const zoneIndex = Math.max(
      0,
      lb.zones.findIndex((z) => z.az === instance.az),
    );
    const nodeIp = nodeIps(lb, records)[zoneIndex] ?? '';
    const reach = connectionAllowed(
      { ip: nodeIp, groupIds: lb.securityGroupIds },
      { ip: instance.privateIp, groupIds: instance.securityGroupIds },
      port,
      records.securityGroups,
    );
    if (instance.state !== 'running' || !reach) {
      this.later(scaled(TARGET_CONNECT_TIMEOUT_MS, this.world.clock.speed), () =>
        this.answer(req, res, page(504, 'Gateway Time-out'), own),
      );
      return;
    }
    if (port !== HTTPD_PORT || !httpdRunning(instance)) return this.answer(req, res, page(502, 'Bad Gateway'), own);
    const served = this.serve(hop.region, instance, this.visit(req, nodeIp, hop.body));
    if (served.hang) {
      // The target took the connection and never answered: the load balancer closes it at its idle timeout.
      this.later(scaled(ALB_IDLE_TIMEOUT_MS, this.world.clock.speed), () =>
        this.answer(req, res, page(504, 'Gateway Time-out'), own),
      );
      return;
    }
    this.answer(req, res, served.answer, { Server: APACHE, 'X-Served-By': instance.id, ...served.headers });
  }

  private landingZone(lb: CheckingNodes): CheckingNodes['zones'][number] | undefined {
    const turn = this.landings.get(lb.arn) ?? 0;
    this.landings.set(lb.arn, turn + 1);
    return lb.zones[turn % Math.max(1, lb.zones.length)];
  }
}
