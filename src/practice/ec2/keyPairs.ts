// EC2 key pairs: DescribeKeyPairs, CreateKeyPair (real key material; the practice account keeps the
// private key for its SSH server), ImportKeyPair (OpenSSH or RFC 4716 public keys) and DeleteKeyPair.
import {
  CreateKeyPair$,
  DeleteKeyPair$,
  DescribeKeyPairs$,
  ImportKeyPair$,
  type CreateKeyPairRequest,
  type DeleteKeyPairRequest,
  type DeleteKeyPairResult,
  type DescribeKeyPairsRequest,
  type DescribeKeyPairsResult,
  type ImportKeyPairRequest,
  type ImportKeyPairResult,
  type KeyPair,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { ID_RULES } from './common';
import { applyFilters, selectByIds, type FilterFields } from './filters';
import { invalidValue, required, specifiedTags } from './writeCommon';
import { PracticeError } from '../core/errors';
import { createKeyMaterial, importPublicKey } from './keyMaterial';
import { tagList, type KeyPairRecord } from '../core/records';

const keyPairFields: FilterFields<KeyPairRecord> = {
  'key-pair-id': (k) => k.id,
  'key-name': (k) => k.name,
  fingerprint: (k) => k.fingerprint,
  'key-type': (k) => k.type,
};

const describeKeyPairs = action<DescribeKeyPairsRequest, DescribeKeyPairsResult>(
  DescribeKeyPairs$,
  (input, { records }) => {
    let selected = selectByIds(records.keyPairs, input.KeyPairIds, (k) => k.id, ID_RULES.keyPair);
    if (input.KeyNames?.length) {
      const missing = input.KeyNames.filter((n) => !selected.some((k) => k.name === n));
      if (missing.length)
        throw new PracticeError('InvalidKeyPair.NotFound', `The key pair '${missing[0]}' does not exist`);
      selected = selected.filter((k) => input.KeyNames?.includes(k.name));
    }
    const filtered = applyFilters(selected, input.Filters, keyPairFields, (k) => k.tags);
    return {
      KeyPairs: filtered.map((k) => ({
        KeyPairId: k.id,
        KeyFingerprint: k.fingerprint,
        KeyName: k.name,
        KeyType: k.type,
        Tags: tagList(k.tags),
        PublicKey: input.IncludePublicKey ? k.publicKey : undefined,
        CreateTime: new Date(k.createTime),
      })),
    };
  },
);

function checkNewName(context: RequestContext, name: string): void {
  if (name.length > 255 || !/^[\x20-\x7e]+$/.test(name)) {
    throw invalidValue(`Invalid key name '${name}': up to 255 ASCII characters`);
  }
  if (context.records.keyPairs.some((k) => k.name === name)) {
    throw new PracticeError('InvalidKeyPair.Duplicate', `The keypair '${name}' already exists.`);
  }
}

function store(context: RequestContext, record: Omit<KeyPairRecord, 'id' | 'createTime'>): KeyPairRecord {
  const full: KeyPairRecord = { id: context.world.newId('key'), createTime: context.now.toISOString(), ...record };
  context.world.writableRegion(context.region).keyPairs.push(full);
  context.world.changed();
  return full;
}

const createKeyPair = action<CreateKeyPairRequest, KeyPair>(CreateKeyPair$, (input, context) => {
  const name = required(input.KeyName, 'KeyName');
  const type = input.KeyType ?? 'rsa';
  if (type !== 'rsa' && type !== 'ed25519')
    throw invalidValue(`Invalid value '${String(type)}' for KeyType. Valid values: rsa, ed25519`);
  const format = input.KeyFormat ?? 'pem';
  if (format !== 'pem') {
    // AWS also writes PuTTY's .ppk; the practice account hands out PEM only (OpenSSH reads it on every platform).
    throw invalidValue(`The practice account supports KeyFormat 'pem' only, not '${String(format)}'`);
  }
  const tags = specifiedTags(input.TagSpecifications, ['key-pair'])['key-pair'] ?? {};
  checkNewName(context, name);
  const material = createKeyMaterial(type, name);
  const record = store(context, {
    name,
    type,
    fingerprint: material.fingerprint,
    publicKey: material.publicKey,
    privateKeyPem: material.privateKeyPem,
    tags,
  });
  return {
    KeyFingerprint: record.fingerprint,
    KeyMaterial: material.privateKeyPem,
    KeyName: record.name,
    KeyPairId: record.id,
    Tags: tagList(record.tags),
  };
});

const importKeyPair = action<ImportKeyPairRequest, ImportKeyPairResult>(ImportKeyPair$, (input, context) => {
  const name = required(input.KeyName, 'KeyName');
  // A blob: base64 on the wire, which the query reader leaves as it came.
  const material = required(input.PublicKeyMaterial as unknown as string | undefined, 'PublicKeyMaterial');
  const tags = specifiedTags(input.TagSpecifications, ['key-pair'])['key-pair'] ?? {};
  checkNewName(context, name);
  const key = importPublicKey(Buffer.from(material, 'base64').toString('utf8'), name);
  if (!key) throw new PracticeError('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
  const record = store(context, { name, type: key.type, fingerprint: key.fingerprint, publicKey: key.publicKey, tags });
  return { KeyFingerprint: record.fingerprint, KeyName: record.name, KeyPairId: record.id, Tags: tagList(record.tags) };
});

const deleteKeyPair = action<DeleteKeyPairRequest, DeleteKeyPairResult>(DeleteKeyPair$, (input, context) => {
  if (!input.KeyName && !input.KeyPairId)
    throw new PracticeError('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId');
  const records = context.world.writableRegion(context.region);
  let target: KeyPairRecord | undefined;
  if (input.KeyPairId) [target] = selectByIds(records.keyPairs, [input.KeyPairId], (k) => k.id, ID_RULES.keyPair);
  else target = records.keyPairs.find((k) => k.name === input.KeyName);
  // Deleting a name that does not exist succeeds, as on AWS. Instances launched with the key keep its name.
  if (!target) return { Return: true };
  records.keyPairs.splice(records.keyPairs.indexOf(target), 1);
  context.world.changed();
  return { Return: true, KeyPairId: target.id };
});

export const ec2KeyPairActions: Record<string, ActionDefinition> = {
  DescribeKeyPairs: describeKeyPairs,
  CreateKeyPair: createKeyPair,
  ImportKeyPair: importKeyPair,
  DeleteKeyPair: deleteKeyPair,
};
