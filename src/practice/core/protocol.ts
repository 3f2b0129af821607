// AWS's query wire protocols, driven by the SDK's own schemas: form parameters in, XML out.
// The element and parameter names come from the same schema objects the SDK (de)serialises with
// (`DescribeInstances$` etc., exported by each @aws-sdk/client-*), so they match by construction.
// Two dialects: `ec2` (EC2's query protocol: flattened `Filter.1.Value.1` lists, `<item>`, no Result
// wrapper) and `query` (awsQuery: `Names.member.1`, `<XResult>`, `<ResponseMetadata>`).
import { NormalizedSchema } from '@smithy/core/schema';
import { PracticeError } from './errors';

export type SchemaRef = Parameters<typeof NormalizedSchema.of>[0];
/** A static operation schema as the clients export it: [9, namespace, name, traits, input, output]. */
export type OperationSchema = readonly [number, string, string, unknown, SchemaRef, SchemaRef];
/** `json`: AWS JSON 1.0 (jsonProtocol.ts), CloudWatch's. */
export type Dialect = 'ec2' | 'query' | 'json';

// ---- request: form parameters -> input object ----------------------------------------------------

interface ParamNode {
  value?: string;
  children?: Map<string, ParamNode>;
}

function paramTree(params: Iterable<[string, string]>): ParamNode {
  const root: ParamNode = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') continue;
    let node = root;
    for (const part of key.split('.')) {
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) {
        child = {};
        node.children.set(part, child);
      }
      node = child;
    }
    node.value = value;
  }
  return root;
}

function inputKey(dialect: Dialect, memberName: string, member: NormalizedSchema): string {
  const traits = member.getMergedTraits();
  if (dialect === 'ec2') {
    if (typeof traits.ec2QueryName === 'string') return traits.ec2QueryName;
    const key = typeof traits.xmlName === 'string' ? traits.xmlName : memberName;
    return key.charAt(0).toUpperCase() + key.slice(1);
  }
  return typeof traits.xmlName === 'string' ? traits.xmlName : memberName;
}

/** Children keyed 1..N, in numeric order (AWS accepts gaps). */
function numbered(node: ParamNode | undefined): ParamNode[] {
  if (!node?.children) return [];
  return [...node.children.entries()]
    .filter(([k]) => /^\d+$/.test(k))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, v]) => v);
}

function readParam(dialect: Dialect, ns: NormalizedSchema, node: ParamNode, path: string): unknown {
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    const known = new Set<string>();
    for (const [name, member] of ns.structIterator()) {
      const key = inputKey(dialect, name, member);
      known.add(key);
      const child = node.children?.get(key);
      if (child) out[name] = readParam(dialect, member, child, path + key + '.');
    }
    if (dialect === 'ec2') {
      for (const key of node.children?.keys() ?? []) {
        if (!known.has(key))
          throw new PracticeError('UnknownParameter', `The parameter ${path}${key} is not recognized`);
      }
    }
    return out;
  }
  if (ns.isListSchema()) {
    const item = ns.getValueSchema();
    const traits = ns.getMergedTraits();
    const flat = dialect === 'ec2' || !!traits.xmlFlattened;
    const itemTraits = item.getMergedTraits();
    const itemName = typeof itemTraits.xmlName === 'string' ? itemTraits.xmlName : 'member';
    const container = flat ? node : node.children?.get(itemName);
    return numbered(container).map((child, i) => readParam(dialect, item, child, `${path}${i + 1}.`));
  }
  if (ns.isMapSchema()) {
    const out: Record<string, unknown> = {};
    const flat = !!ns.getMergedTraits().xmlFlattened;
    for (const entry of numbered(flat ? node : node.children?.get('entry'))) {
      const key = entry.children?.get('key')?.value;
      const value = entry.children?.get('value');
      if (key !== undefined && value) out[key] = readParam(dialect, ns.getValueSchema(), value, path);
    }
    return out;
  }
  const raw = node.value ?? '';
  if (ns.isBooleanSchema()) return raw === 'true';
  if (ns.isNumericSchema()) {
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) {
      throw new PracticeError('InvalidParameterValue', `Invalid value '${raw}' for ${path.slice(0, -1)}`);
    }
    return n;
  }
  if (ns.isTimestampSchema()) return new Date(raw);
  return raw;
}

/** Reads an operation's input from its form parameters (body or query string). */
export function readInput(dialect: Dialect, operation: OperationSchema, params: Iterable<[string, string]>): unknown {
  return readParam(dialect, NormalizedSchema.of(operation[4]), paramTree(params), '');
}

// ---- response: output object -> XML ---------------------------------------------------------------

type Plan =
  | { kind: 'struct'; members: Map<string, MemberPlan> }
  | { kind: 'list'; itemTag: string; item: () => Plan }
  | { kind: 'map'; flat: boolean; value: () => Plan }
  | { kind: 'scalar'; timestamp?: 'date-time' | 'http-date' | 'epoch-seconds'; blob?: boolean };

interface MemberPlan {
  tag: string;
  /** A flattened list repeats the member's own element instead of wrapping items. */
  flatList: boolean;
  plan: () => Plan;
}

const planCache = new WeakMap<object, Plan>();

function lazy(make: () => Plan): () => Plan {
  let plan: Plan | undefined;
  return () => (plan ??= make());
}

function planOf(ns: NormalizedSchema): Plan {
  const schema = ns.getSchema();
  const cacheable = typeof schema === 'object' && schema !== null;
  if (cacheable) {
    const cached = planCache.get(schema);
    if (cached) return cached;
  }
  let plan: Plan;
  if (ns.isStructSchema()) {
    const members = new Map<string, MemberPlan>();
    plan = { kind: 'struct', members };
    if (cacheable) planCache.set(schema, plan); // before recursing: shapes can be recursive
    for (const [name, member] of ns.structIterator()) {
      const xmlName = member.getMemberTraits().xmlName;
      members.set(name, {
        tag: typeof xmlName === 'string' ? xmlName : name,
        flatList: member.isListSchema() && !!member.getMergedTraits().xmlFlattened,
        plan: lazy(() => planOf(member)),
      });
    }
    return plan;
  }
  if (ns.isListSchema()) {
    const item = ns.getValueSchema();
    const xmlName = item.getMergedTraits().xmlName;
    plan = { kind: 'list', itemTag: typeof xmlName === 'string' ? xmlName : 'member', item: lazy(() => planOf(item)) };
  } else if (ns.isMapSchema()) {
    const value = ns.getValueSchema();
    plan = { kind: 'map', flat: !!ns.getMergedTraits().xmlFlattened, value: lazy(() => planOf(value)) };
  } else if (ns.isTimestampSchema()) {
    // Sentinels 6 and 7 are http-date and epoch-seconds; everything else is ISO 8601 on these protocols.
    const id = ns.getSchema();
    plan = { kind: 'scalar', timestamp: id === 6 ? 'http-date' : id === 7 ? 'epoch-seconds' : 'date-time' };
  } else {
    plan = { kind: 'scalar', blob: ns.isBlobSchema() };
  }
  if (cacheable) planCache.set(schema, plan);
  return plan;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c) : text;
}

function scalarText(plan: Extract<Plan, { kind: 'scalar' }>, value: unknown): string {
  if (typeof value === 'string') return plan.blob ? Buffer.from(value).toString('base64') : escapeXml(value);
  if (value instanceof Date) {
    if (plan.timestamp === 'http-date') return value.toUTCString();
    if (plan.timestamp === 'epoch-seconds') return String(value.getTime() / 1000);
    return value.toISOString();
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return escapeXml(String(value));
}

// Strings are built by concatenation: V8's ropes make this the fastest way for a few MB of XML
// (a 1,000-instance DescribeInstances is about 4 MB).
function content(plan: Plan, value: unknown): string {
  switch (plan.kind) {
    case 'scalar':
      return scalarText(plan, value);
    case 'struct': {
      let out = '';
      const record = value as Record<string, unknown>;
      for (const key in record) {
        const v = record[key];
        if (v == null) continue;
        const member = plan.members.get(key);
        if (!member) continue; // not in the model: AWS would not send it either
        if (member.flatList && Array.isArray(v)) {
          const item = (member.plan() as Extract<Plan, { kind: 'list' }>).item();
          for (const entry of v) out += element(member.tag, item, entry);
        } else {
          out += element(member.tag, member.plan(), v);
        }
      }
      return out;
    }
    case 'list': {
      let out = '';
      const item = plan.item();
      for (const v of value as unknown[]) out += element(plan.itemTag, item, v);
      return out;
    }
    case 'map': {
      let out = '';
      const valuePlan = plan.value();
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const entry = `<key>${escapeXml(k)}</key>${element('value', valuePlan, v)}`;
        out += plan.flat ? entry : `<entry>${entry}</entry>`;
      }
      return out;
    }
  }
}

function element(tag: string, plan: Plan, value: unknown): string {
  return `<${tag}>${content(plan, value)}</${tag}>`;
}

/** The members of an operation's output, as XML elements (no envelope). */
export function writeOutput(operation: OperationSchema, output: object): string {
  const plan = planOf(NormalizedSchema.of(operation[5]));
  // Operations whose output is `Unit` (RebootInstances, DeleteSnapshot...): nothing but the envelope.
  return plan.kind === 'struct' ? content(plan, output) : '';
}

// ---- envelopes --------------------------------------------------------------------------------------

export function ec2Response(action: string, xmlns: string, members: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${xmlns}">` +
    `<requestId>${requestId}</requestId>${members}</${action}Response>`
  );
}

export function queryResponse(action: string, xmlns: string, members: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${xmlns}"><${action}Result>${members}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function ec2ErrorResponse(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
  );
}

export function queryErrorResponse(
  code: string,
  message: string,
  requestId: string,
  status: number,
  xmlns?: string,
): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const ns = xmlns ? ` xmlns="${xmlns}"` : '';
  return (
    `<ErrorResponse${ns}><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
