// A Classic Load Balancer's listeners (CreateLoadBalancerListeners, DeleteLoadBalancerListeners, checked as
// CreateLoadBalancer's) and its one health check (ConfigureHealthCheck). A listener forwards its port to the
// instances' port: HTTP/HTTPS in front take HTTP/HTTPS behind, TCP/SSL take TCP/SSL.
import {
  ConfigureHealthCheck$,
  CreateLoadBalancerListeners$,
  DeleteLoadBalancerListeners$,
  type ConfigureHealthCheckInput,
  type ConfigureHealthCheckOutput,
  type CreateLoadBalancerListenerInput,
  type CreateLoadBalancerListenerOutput,
  type DeleteLoadBalancerListenerInput,
  type DeleteLoadBalancerListenerOutput,
  type Listener,
} from '@aws-sdk/client-elastic-load-balancing';
import { action, type ActionDefinition } from '../core/actions';
import { PracticeError, validationError } from '../core/errors';
import type { ClassicListenerRecord } from '../core/records';
import { checkHealthCheck, findClassic } from './model';
import { healthCheckShape } from './shapes';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'SSL'];
const LAYER7 = new Set(['HTTP', 'HTTPS']);

function checkPort(port: number | undefined, name: string): number {
  if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535)
    throw validationError(`${name} must be an integer from 1 to 65535, got '${String(port)}'`);
  return port;
}

function checkListener(listener: Listener): ClassicListenerRecord {
  const protocol = (listener.Protocol ?? '').toUpperCase();
  if (!PROTOCOLS.includes(protocol))
    throw validationError(`Invalid protocol '${listener.Protocol ?? ''}': expected HTTP, HTTPS, TCP or SSL`);
  const instanceProtocol = (listener.InstanceProtocol ?? protocol).toUpperCase();
  if (!PROTOCOLS.includes(instanceProtocol))
    throw validationError(`Invalid instance protocol '${listener.InstanceProtocol ?? ''}'`);
  if (LAYER7.has(protocol) !== LAYER7.has(instanceProtocol))
    throw validationError(
      `Instance protocol '${instanceProtocol}' is not compatible with load balancer protocol '${protocol}'`,
    );
  const secure = protocol === 'HTTPS' || protocol === 'SSL';
  if (secure && !listener.SSLCertificateId)
    throw validationError(`A certificate (SSLCertificateId) is required for a ${protocol} listener`);
  if (secure)
    throw new PracticeError('CertificateNotFound', `Certificate '${listener.SSLCertificateId ?? ''}' not found`);
  return {
    protocol,
    port: checkPort(listener.LoadBalancerPort, 'LoadBalancerPort'),
    instanceProtocol,
    instancePort: checkPort(listener.InstancePort, 'InstancePort'),
  };
}

/** Listeners as asked, checked; one per port (a second with other settings is a DuplicateListener). */
export function checkListeners(
  asked: readonly Listener[],
  existing: readonly ClassicListenerRecord[] = [],
): ClassicListenerRecord[] {
  const out: ClassicListenerRecord[] = [];
  for (const listener of asked.map(checkListener)) {
    const taken = [...existing, ...out].find((l) => l.port === listener.port);
    if (taken && JSON.stringify(taken) !== JSON.stringify(listener))
      throw new PracticeError(
        'DuplicateListener',
        `A listener already exists for port ${listener.port} with a different InstancePort, Protocol or SSLCertificateId`,
      );
    if (!taken) out.push(listener);
  }
  return out;
}

const createListeners = action<CreateLoadBalancerListenerInput, CreateLoadBalancerListenerOutput>(
  CreateLoadBalancerListeners$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    lb.listeners.push(...checkListeners(input.Listeners ?? [], lb.listeners));
    context.world.changed();
    return {};
  },
);

const deleteListeners = action<DeleteLoadBalancerListenerInput, DeleteLoadBalancerListenerOutput>(
  DeleteLoadBalancerListeners$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    const ports = new Set(input.LoadBalancerPorts ?? []);
    lb.listeners = lb.listeners.filter((l) => !ports.has(l.port));
    context.world.changed();
    return {};
  },
);

const configureHealthCheck = action<ConfigureHealthCheckInput, ConfigureHealthCheckOutput>(
  ConfigureHealthCheck$,
  (input, context) => {
    const records = context.world.writableRegion(context.region);
    const lb = findClassic(records, input.LoadBalancerName);
    if (!input.HealthCheck)
      throw validationError(
        "1 validation error detected: Value null at 'healthCheck' failed to satisfy constraint: Member must not be null",
      );
    lb.healthCheck = checkHealthCheck(input.HealthCheck);
    context.world.changed();
    return { HealthCheck: healthCheckShape(lb) };
  },
);

export const classicListenerActions: Record<string, ActionDefinition> = {
  CreateLoadBalancerListeners: createListeners,
  DeleteLoadBalancerListeners: deleteListeners,
  ConfigureHealthCheck: configureHealthCheck,
};
