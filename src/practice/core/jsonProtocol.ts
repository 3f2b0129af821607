// AWS JSON 1.0 (CloudWatch's protocol in the current SDK): `X-Amz-Target: <Service>.<Action>`, a JSON body in
// and out, timestamps as epoch seconds, errors as `{"__type", "message"}` with the model's HTTP status. CloudWatch
// is awsQueryCompatible: the SDK takes the error's code from the `x-amzn-query-error: <Code>;<Sender|Receiver>`
// header, as AWS sends it, so the codes stay those of the query protocol (InvalidParameterValue...).
// Shapes come from the SDK's own schemas, as protocol.ts does for the query dialects.
import { NormalizedSchema } from '@smithy/core/schema';
import { PracticeError } from './errors';
import type { OperationSchema } from './protocol';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The action named by `X-Amz-Target` (`GraniteServiceVersion20100801.PutMetricAlarm` -> `PutMetricAlarm`). */
export function jsonTargetAction(target: string | string[] | undefined): string | undefined {
  const value = Array.isArray(target) ? target[0] : target;
  const dot = value?.lastIndexOf('.') ?? -1;
  return value && dot >= 0 ? value.slice(dot + 1) : undefined;
}

function readValue(ns: NormalizedSchema, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (ns.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) throw serializationError(path);
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const read = readValue(member, source[name], path ? `${path}.${name}` : name);
      if (read !== undefined) out[name] = read;
    }
    return out;
  }
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) throw serializationError(path);
    const item = ns.getValueSchema();
    return value.map((v, i) => readValue(item, v, `${path}[${i}]`));
  }
  if (ns.isMapSchema()) {
    if (typeof value !== 'object') throw serializationError(path);
    const item = ns.getValueSchema();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, readValue(item, v, `${path}.${k}`)]),
    );
  }
  if (ns.isTimestampSchema()) {
    const date = typeof value === 'number' ? new Date(value * 1000) : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw serializationError(path);
    return date;
  }
  if (ns.isBlobSchema()) return Buffer.from(String(value), 'base64');
  if (ns.isNumericSchema() && typeof value !== 'number') throw serializationError(path);
  if (ns.isBooleanSchema() && typeof value !== 'boolean') throw serializationError(path);
  return value;
}

function serializationError(path: string): PracticeError {
  return new PracticeError('SerializationException', `Unexpected value at ${path || 'the request body'}`);
}

/** Reads an operation's input from its JSON body. */
export function readJsonInput(operation: OperationSchema, body: string): unknown {
  let parsed: unknown = {};
  if (body.trim() !== '') {
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new PracticeError('SerializationException', 'Start of structure or map found where not expected.');
    }
  }
  return readValue(NormalizedSchema.of(operation[4]), parsed ?? {}, '') ?? {};
}

function writeValue(ns: NormalizedSchema, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (ns.isStructSchema()) {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const written = writeValue(member, source[name]);
      if (written !== undefined) out[name] = written; // members not in the model are not sent, as on AWS
    }
    return out;
  }
  if (ns.isListSchema()) {
    const item = ns.getValueSchema();
    return (value as unknown[]).map((v) => writeValue(item, v));
  }
  if (ns.isMapSchema()) {
    const item = ns.getValueSchema();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, writeValue(item, v)]),
    );
  }
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/** An operation's output as its JSON body. */
export function writeJsonOutput(operation: OperationSchema, output: object): string {
  const ns = NormalizedSchema.of(operation[5]);
  return JSON.stringify(ns.isStructSchema() ? (writeValue(ns, output) ?? {}) : {});
}

/** An error's JSON body and the awsQueryCompatible header; `shapes` maps a query code to its error shape's name. */
export function jsonErrorResponse(
  error: PracticeError,
  namespace: string,
  shapes: Readonly<Record<string, string>> = {},
): { body: string; headers: Record<string, string> } {
  const shape = shapes[error.code] ?? error.code;
  return {
    body: JSON.stringify({ __type: `${namespace}#${shape}`, message: error.message }),
    headers: { 'x-amzn-query-error': `${error.code};${error.status >= 500 ? 'Receiver' : 'Sender'}` },
  };
}
