import fc from 'fast-check';
import { camel } from './emit-message';
import type { FieldSpec, MessageSpec } from './spec-types';
import { contains, parseVersions } from './versions';

/**
 * fast-check arbitraries for "a valid value of this message in this version", read straight from the
 * JSON spec (not from the generated code), so round-trip tests check the generator against the spec.
 * Only fields on the wire in that version are produced.
 */
const INT_RANGES: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const bytes = fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a));

function primitive(base: string): fc.Arbitrary<unknown> {
  if (INT_RANGES[base]) return fc.integer({ min: INT_RANGES[base][0], max: INT_RANGES[base][1] });
  switch (base) {
    case 'bool':
      return fc.boolean();
    case 'int64':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'float64':
      return fc.double({ noNaN: true }).filter((x) => !Object.is(x, -0));
    case 'string':
      return text;
    case 'bytes':
    case 'records':
      return bytes;
    case 'uuid':
      return fc.uint8Array({ minLength: 16, maxLength: 16 }).map((a) => Buffer.from(a));
    default:
      throw new Error(`not a primitive: ${base}`);
  }
}

function fieldArbitrary(spec: MessageSpec, field: FieldSpec, version: number, depth: number): fc.Arbitrary<unknown> {
  const isArray = field.type.startsWith('[]');
  const base = isArray ? field.type.slice(2) : field.type;
  const structFields = field.fields ?? spec.commonStructs?.find((s) => s.name === base)?.fields;
  const elem = structFields ? structArbitrary(spec, structFields, version, depth + 1) : primitive(base);
  const value = isArray ? fc.array(elem, { maxLength: depth > 1 ? 2 : 3 }) : elem;
  return contains(parseVersions(field.nullableVersions), version) ? fc.option(value, { nil: null }) : value;
}

function structArbitrary(
  spec: MessageSpec,
  fields: FieldSpec[],
  version: number,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of fields) {
    if (!contains(parseVersions(field.versions), version)) continue;
    shape[camel(field.name)] = fieldArbitrary(spec, field, version, depth);
  }
  return fc.record(shape);
}

export function messageArbitrary(spec: MessageSpec, version: number): fc.Arbitrary<Record<string, unknown>> {
  return structArbitrary(spec, spec.fields, version, 0);
}
