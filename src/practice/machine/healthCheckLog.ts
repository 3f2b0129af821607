// Health checks in an instance's access log, written lazily: when the instance serves a request, the checks the
// load balancers' nodes would have sent since the last logged one (at most the last few intervals) are appended
// first — ELBv2's target groups (`ELB-HealthChecker/2.0`) and Classic Load Balancers' HTTP checks
// (`ELB-HealthChecker/1.0`), from every node, only while the check reaches httpd.
import { combinedLogLine, httpdAnswer, type HttpAnswer } from './httpd';
import { loadBalancerState, nodeIps, scaled } from '../elbv2/model';
import { HealthEvaluator, type CheckingNodes } from '../elbv2/targetHealth';
import { ClassicHealthEvaluator, probeOf } from '../elb/health';
import type { InstanceRecord, RegionState } from '../core/records';
import type { World } from '../core/world';

/** Health-check lines logged per catch-up and node, at most. */
const HEALTH_LOG_TICKS = 5;

/** A check that reaches httpd leaves a line (a refused path too: httpd answers it). */
const LOGGED = new Set(['ok', 'Target.ResponseCodeMismatch']);

interface Checker {
  key: string;
  agent: string;
  path: string;
  intervalSeconds: number;
  loadBalancers: CheckingNodes[];
  reached: boolean;
}

export class HealthCheckLog {
  /** Last health check logged per registration (in memory: after a restart, logging resumes from then). */
  private readonly logged = new Map<string, number>();

  constructor(private readonly world: World) {}

  /** The checks that look at this instance now. */
  private checkers(records: RegionState, instance: InstanceRecord, now: Date): Checker[] {
    const out: Checker[] = [];
    const evaluator = new HealthEvaluator(records, now, this.world.clock.speed);
    for (const group of records.targetGroups) {
      for (const target of group.targets) {
        if (target.id !== instance.id || target.drainUntil) continue;
        out.push({
          key: `${group.arn} ${target.id}:${target.port}`,
          agent: 'ELB-HealthChecker/2.0',
          path: group.healthCheck.path,
          intervalSeconds: group.healthCheck.intervalSeconds,
          loadBalancers: evaluator.loadBalancersOf(group).filter((lb) => loadBalancerState(lb, now) === 'active'),
          reached: LOGGED.has(evaluator.finding(group, target).result),
        });
      }
    }
    const classic = new ClassicHealthEvaluator(records, now, this.world.clock.speed);
    for (const lb of records.classicLoadBalancers ?? []) {
      const registered = lb.instances.find((i) => i.id === instance.id);
      const http = probeOf(lb).http;
      if (!registered || !http) continue;
      out.push({
        key: `${lb.arn} ${instance.id}`,
        agent: 'ELB-HealthChecker/1.0',
        path: http.path,
        intervalSeconds: lb.healthCheck.interval,
        loadBalancers: [lb],
        reached: LOGGED.has(classic.finding(lb, registered).result),
      });
    }
    return out;
  }

  /** Health-check log lines due on the instance since the last ones logged. */
  due(records: RegionState, instance: InstanceRecord): string[] {
    const now = this.world.clock.now();
    const lines: { at: number; line: string }[] = [];
    for (const checker of this.checkers(records, instance, now)) {
      if (checker.loadBalancers.length === 0 || !checker.reached) {
        this.logged.set(checker.key, now.getTime());
        continue;
      }
      const spacing = scaled(checker.intervalSeconds * 1000, this.world.clock.speed);
      const ticks = this.ticks(this.logged.get(checker.key), now.getTime(), spacing);
      if (ticks.length === 0) continue;
      this.logged.set(checker.key, ticks[ticks.length - 1] ?? now.getTime());
      const answer = httpdAnswer(instance, checker.path);
      for (const lb of checker.loadBalancers) {
        for (const nodeIp of nodeIps(lb, records)) {
          for (const at of ticks)
            lines.push({ at, line: healthCheckLine(nodeIp, at, checker.path, answer, checker.agent) });
        }
      }
    }
    return lines.sort((a, b) => a.at - b.at).map((l) => l.line);
  }

  /** Check times after `last` (first time: the last few) up to `now`, every `spacing` ms; at 'instant' speed, one now. */
  private ticks(last: number | undefined, now: number, spacing: number): number[] {
    if (spacing <= 0) return last === undefined || last < now ? [now] : [];
    const from = last ?? now - spacing * HEALTH_LOG_TICKS;
    const out: number[] = [];
    for (let at = now - ((now - from) % spacing); at > from && out.length < HEALTH_LOG_TICKS; at -= spacing)
      out.unshift(at);
    return out;
  }
}

function healthCheckLine(nodeIp: string, at: number, path: string, answer: HttpAnswer, agent: string): string {
  return combinedLogLine({
    sourceIp: nodeIp,
    at: new Date(at),
    method: 'GET',
    path,
    httpVersion: '1.1',
    status: answer.status,
    bytes: Buffer.byteLength(answer.body),
    userAgent: agent,
  });
}
