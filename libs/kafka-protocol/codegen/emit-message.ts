import type { FieldSpec, MessageSpec, StructSpec } from './spec-types';
import { EMPTY, VersionRange, contains, intersect, isEmpty, parseVersions } from './versions';

const PRIMITIVES: Record<string, string> = {
  bool: 'boolean',
  int8: 'number',
  int16: 'number',
  uint16: 'number',
  int32: 'number',
  uint32: 'number',
  float64: 'number',
  int64: 'bigint',
  string: 'string',
  bytes: 'Buffer',
  records: 'Buffer',
  uuid: 'Buffer',
};

type FieldState =
  | { kind: 'absent' }
  | { kind: 'tagged'; nullable: boolean }
  | { kind: 'positional'; compact: boolean; nullable: boolean };

interface Segment {
  from: number;
  to: number;
  state: FieldState;
}

interface MessageContext {
  msgName: string;
  flex: VersionRange;
  commonStructs: Map<string, StructSpec>;
  emitted: Set<string>;
  out: string[];
  /** Names of helpers from the io layer the file uses, so the import list stays exact. */
  helpers: Set<string>;
}

export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function structTypeName(ctx: MessageContext, name: string): string {
  return name.startsWith(ctx.msgName) ? name : ctx.msgName + name;
}

function elementType(field: FieldSpec): { isArray: boolean; base: string } {
  return field.type.startsWith('[]') ? { isArray: true, base: field.type.slice(2) } : { isArray: false, base: field.type };
}

function segmentsOf(ctx: MessageContext, field: FieldSpec, range: VersionRange): Segment[] {
  const versions = parseVersions(field.versions);
  const tagged = parseVersions(field.taggedVersions);
  const nullable = parseVersions(field.nullableVersions);
  const flex = field.flexibleVersions !== undefined ? parseVersions(field.flexibleVersions) : ctx.flex;
  const segments: Segment[] = [];
  for (let v = range.lo; v <= range.hi; v++) {
    let state: FieldState;
    if (!contains(versions, v)) state = { kind: 'absent' };
    else if (field.tag !== undefined && contains(tagged, v)) state = { kind: 'tagged', nullable: contains(nullable, v) };
    else {
      // Compactness and nullability only change the encoding of variable-length types; a nullable struct
      // (ConsumerGroupHeartbeatResponse's Assignment) is preceded by an int8 marker, -1 for null.
      const variable = field.type.startsWith('[]') || ['string', 'bytes', 'records'].includes(field.type);
      const struct = !variable && !PRIMITIVES[field.type];
      state = {
        kind: 'positional',
        compact: variable && contains(flex, v),
        nullable: (variable || struct) && contains(nullable, v),
      };
    }
    const last = segments[segments.length - 1];
    if (last && JSON.stringify(last.state) === JSON.stringify(state)) last.to = v;
    else segments.push({ from: v, to: v, state });
  }
  return segments;
}

function mergeAdjacent(parts: Array<{ from: number; to: number; code: string }>) {
  const out: Array<{ from: number; to: number; code: string }> = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.code === p.code) last.to = p.to;
    else out.push({ ...p });
  }
  return out;
}

/** A boolean expression that holds for exactly the versions of `set` inside `within`. */
function versionCond(set: VersionRange, within: VersionRange): string {
  const parts: string[] = [];
  if (set.lo > within.lo) parts.push(`version >= ${set.lo}`);
  if (set.hi < within.hi) parts.push(`version <= ${set.hi}`);
  return parts.length ? parts.join(' && ') : 'true';
}

function defaultValue(field: FieldSpec, nullableSomewhere: boolean): string {
  const { isArray, base } = elementType(field);
  const d = field.default;
  if (isArray) return d === 'null' && nullableSomewhere ? 'null' : '[]';
  // A struct-valued field (Fetch v12+ CurrentLeader, Produce v10+ CurrentLeader ...): undefined when not sent.
  if (!PRIMITIVES[base]) return d === 'null' && nullableSomewhere ? 'null' : 'undefined';
  switch (base) {
    case 'bool':
      return String(d === true || d === 'true');
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'float64':
      return d === undefined ? '0' : String(Number(d));
    case 'int64':
      return d === undefined ? '0n' : `${BigInt(d as string | number).toString()}n`;
    case 'string':
      if (d === 'null') return 'null';
      return JSON.stringify(d === undefined ? '' : String(d));
    case 'bytes':
    case 'records':
      return d === 'null' || (nullableSomewhere && d === undefined && base === 'records') ? 'null' : 'EMPTY_BYTES';
    case 'uuid':
      return 'ZERO_UUID';
    default:
      throw new Error(`field ${field.name}: struct-valued fields are not supported by this generator`);
  }
}

function primitiveRead(base: string, compact: boolean, nullable: boolean, r: string): string {
  switch (base) {
    case 'string':
      return compact
        ? `${r}.${nullable ? 'compactNullableString' : 'compactString'}()`
        : `${r}.${nullable ? 'nullableString' : 'string'}()`;
    case 'bytes':
    case 'records':
      return compact
        ? `${r}.${nullable ? 'compactNullableBytes' : 'compactBytes'}()`
        : `${r}.${nullable ? 'nullableBytes' : 'bytes'}()`;
    default:
      return `${r}.${base}()`;
  }
}

function primitiveWrite(base: string, compact: boolean, nullable: boolean, w: string, v: string): string {
  switch (base) {
    case 'string':
      return compact
        ? `${w}.${nullable ? 'compactNullableString' : 'compactString'}(${v})`
        : `${w}.${nullable ? 'nullableString' : 'string'}(${v})`;
    case 'bytes':
    case 'records':
      return compact
        ? `${w}.${nullable ? 'compactNullableBytes' : 'compactBytes'}(${v})`
        : `${w}.${nullable ? 'nullableBytes' : 'bytes'}(${v})`;
    default:
      return `${w}.${base}(${v})`;
  }
}

function tsType(ctx: MessageContext, field: FieldSpec, nullable: boolean): string {
  const { isArray, base } = elementType(field);
  const elem = PRIMITIVES[base] ?? structTypeName(ctx, base);
  const t = isArray ? `${elem}[]` : elem;
  return nullable ? `${t} | null` : t;
}

function structFieldsFor(ctx: MessageContext, field: FieldSpec): { fields: FieldSpec[]; name: string } | undefined {
  const { base } = elementType(field);
  if (PRIMITIVES[base]) return undefined;
  if (field.fields) return { fields: field.fields, name: structTypeName(ctx, base) };
  const common = ctx.commonStructs.get(base);
  if (!common) throw new Error(`${ctx.msgName}.${field.name}: unknown struct type ${base}`);
  return { fields: common.fields, name: structTypeName(ctx, base) };
}

function readExpr(ctx: MessageContext, field: FieldSpec, compact: boolean, nullable: boolean, r: string): string {
  const { isArray, base } = elementType(field);
  const struct = structFieldsFor(ctx, field);
  if (!isArray && struct) {
    return nullable ? `(${r}.int8() < 0 ? null : read${struct.name}(${r}, version))` : `read${struct.name}(${r}, version)`;
  }
  if (!isArray) return primitiveRead(base, compact, nullable, r);
  const elem = struct ? `read${struct.name}(r, version)` : primitiveRead(base, compact, false, 'r');
  const helper = nullable ? 'readNullableArray' : 'readArray';
  ctx.helpers.add(helper);
  return `${helper}(${r}, ${compact}, (r) => ${elem})`;
}

function writeStmt(
  ctx: MessageContext,
  field: FieldSpec,
  compact: boolean,
  nullable: boolean,
  typeNullable: boolean,
  w: string,
  v: string,
): string {
  const { isArray, base } = elementType(field);
  let value = v;
  if (typeNullable && !nullable) {
    ctx.helpers.add('nonNull');
    value = `nonNull(${v}, '${ctx.msgName}.${camel(field.name)}')`;
  }
  const struct = structFieldsFor(ctx, field);
  if (!isArray && struct) {
    if (!nullable) return `write${struct.name}(${w}, ${value}, version);`;
    return `{ const s = ${value}; if (s == null) ${w}.int8(-1); else { ${w}.int8(1); write${struct.name}(${w}, s, version); } }`;
  }
  if (!isArray) return `${primitiveWrite(base, compact, nullable, w, value)};`;
  const elem = struct ? `write${struct.name}(w, e, version)` : primitiveWrite(base, compact, false, 'w', 'e');
  const helper = nullable ? 'writeNullableArray' : 'writeArray';
  ctx.helpers.add(helper);
  return `${helper}(${w}, ${compact}, ${value}, (w, e) => ${elem});`;
}

function isDefaultExpr(field: FieldSpec, def: string, v: string): string {
  const { isArray, base } = elementType(field);
  // A tagged struct is sent whenever it is set; Kafka compares it with its default, which here is "not set".
  if (!isArray && !PRIMITIVES[base]) return 'false';
  if (def === 'null') return `${v} === null`;
  if (isArray || base === 'bytes' || base === 'records') return `${v}.length === 0`;
  if (base === 'uuid') return `${v}.equals(ZERO_UUID)`;
  return `${v} === ${def}`;
}

/** When a tagged field is written: set, and (except for structs, always sent when set) not its default. */
function setCond(field: FieldSpec, def: string, v: string): string {
  const isDefault = isDefaultExpr(field, def, v);
  return isDefault === 'false' ? `${v} !== undefined` : `${v} !== undefined && !(${isDefault})`;
}

/** Emits interface, reader and writer for one struct valid in `range`, then its nested structs. */
function emitStruct(ctx: MessageContext, typeName: string, fields: FieldSpec[], range: VersionRange, about?: string): void {
  if (ctx.emitted.has(typeName)) throw new Error(`struct ${typeName} defined twice`);
  ctx.emitted.add(typeName);
  const nested: Array<() => void> = [];
  const iface: string[] = [];
  const reads: string[] = [];
  const writes: string[] = [];
  const taggedReads: Array<{ tag: number; code: string }> = [];
  const taggedWrites: Array<{ tag: number; code: string }> = [];
  const flexible = intersect(range, ctx.flex);

  for (const field of fields) {
    const fieldRange = intersect(parseVersions(field.versions), range);
    if (isEmpty(fieldRange)) continue;
    const name = camel(field.name);
    const segments = segmentsOf(ctx, field, range);
    const typeNullable = segments.some((s) => s.state.kind !== 'absent' && s.state.nullable);
    const required = segments.every((s) => s.state.kind === 'positional');
    const def = defaultValue(field, typeNullable);
    if (def === 'EMPTY_BYTES' || def === 'ZERO_UUID') ctx.helpers.add(def);
    const type = tsType(ctx, field, typeNullable);
    const doc = field.about ? `  /** ${field.about.replace(/\*\//g, '*\\/')} */\n` : '';
    iface.push(`${doc}  ${name}${required ? '' : '?'}: ${type};`);

    const struct = structFieldsFor(ctx, field);
    if (struct && field.fields) {
      nested.push(() => emitStruct(ctx, struct.name, struct.fields, fieldRange));
    } else if (struct && !ctx.emitted.has(struct.name)) {
      const common = ctx.commonStructs.get(elementType(field).base);
      if (!common) throw new Error(`${ctx.msgName}.${field.name}: missing common struct`);
      nested.push(() => {
        if (!ctx.emitted.has(struct.name)) {
          emitStruct(ctx, struct.name, common.fields, intersect(parseVersions(common.versions), range));
        }
      });
    }

    // Reader: a conditional chain over the version segments, in wire order.
    const readCodes = mergeAdjacent(
      segments.map((s) => ({
        from: s.from,
        to: s.to,
        code: s.state.kind === 'positional' ? readExpr(ctx, field, s.state.compact, s.state.nullable, 'r') : def,
      })),
    );
    let expr = '';
    for (let i = readCodes.length - 1; i >= 0; i--) {
      const s = readCodes[i];
      expr = i === readCodes.length - 1 ? s.code : `version <= ${s.to} ? ${s.code} : ${expr}`;
    }
    reads.push(`    ${name}: ${expr},`);

    const value = required ? `o.${name}` : typeNullable ? `(o.${name} === undefined ? ${def} : o.${name})` : `(o.${name} ?? ${def})`;
    const writeCodes = mergeAdjacent(
      segments.map((s) => ({
        from: s.from,
        to: s.to,
        code:
          s.state.kind === 'positional'
            ? writeStmt(ctx, field, s.state.compact, s.state.nullable, typeNullable, 'w', value)
            : '',
      })),
    );
    for (const s of writeCodes) {
      if (!s.code) continue;
      const cond = versionCond({ lo: s.from, hi: s.to }, range);
      writes.push(cond === 'true' ? `  ${s.code}` : `  if (${cond}) ${s.code}`);
    }
    for (const s of segments) {
      const seg: VersionRange = { lo: s.from, hi: s.to };
      if (s.state.kind === 'tagged') {
        const tag = field.tag as number;
        const cond = versionCond(seg, flexible);
        const read = readExpr(ctx, field, true, s.state.nullable, 't');
        const guard = cond === 'true' ? '' : `if (${cond}) `;
        taggedReads.push({ tag, code: `        ${guard}o.${name} = ${read};` });
        const write = writeStmt(ctx, field, true, s.state.nullable, typeNullable, 't', 'v');
        taggedWrites.push({
          tag,
          code:
            `    ${cond === 'true' ? '' : `if (${cond}) `}{\n` +
            `      const v = o.${name};\n` +
            `      if (${setCond(field, def, 'v')}) {\n` +
            `        const t = new Writer(64);\n` +
            `        ${write}\n` +
            `        tagged.push([${tag}, t]);\n` +
            `      }\n` +
            `    }`,
        });
      }
    }
  }

  const flexCond = isEmpty(flexible) ? undefined : versionCond(flexible, range);
  const header = about ? `/** ${about} */\n` : '';
  ctx.out.push(`${header}export interface ${typeName} {\n${iface.join('\n')}\n}`);

  const readBody: string[] = [`  const o: ${typeName} = {`, ...reads, '  };'];
  if (flexCond) {
    ctx.helpers.add('readTaggedFields');
    const guard = flexCond === 'true' ? '' : `if (${flexCond}) `;
    if (taggedReads.length === 0) {
      readBody.push(`  ${guard}readTaggedFields(r);`);
    } else {
      const byTag = new Map<number, string[]>();
      for (const t of taggedReads) byTag.set(t.tag, [...(byTag.get(t.tag) ?? []), t.code]);
      const cases = [...byTag.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([tag, codes]) => `      case ${tag}:\n${codes.join('\n')}\n        break;`)
        .join('\n');
      readBody.push(`  ${guard}readTaggedFields(r, (tag, t) => {\n    switch (tag) {\n${cases}\n    }\n  });`);
    }
  }
  readBody.push('  return o;');
  ctx.out.push(`export function read${typeName}(r: Reader, version: number): ${typeName} {\n${readBody.join('\n')}\n}`);

  const writeBody = [...writes];
  if (flexCond) {
    const open = flexCond === 'true' ? '  {' : `  if (${flexCond}) {`;
    if (taggedWrites.length === 0) {
      writeBody.push(flexCond === 'true' ? '  w.uvarint(0);' : `  if (${flexCond}) w.uvarint(0);`);
    } else {
      ctx.helpers.add('writeTaggedFields');
      const body = taggedWrites
        .sort((a, b) => a.tag - b.tag)
        .map((t) => t.code)
        .join('\n');
      writeBody.push(
        `${open}\n    const tagged: Array<readonly [number, Writer]> = [];\n${body}\n    writeTaggedFields(w, tagged);\n  }`,
      );
    }
  }
  ctx.out.push(
    `export function write${typeName}(w: Writer, o: ${typeName}, version: number): void {\n${writeBody.join('\n')}\n}`,
  );
  for (const n of nested) n();
}

export interface EmittedMessage {
  code: string;
  helpers: Set<string>;
}

/** Emits every struct of one message for the versions in `range`. */
export function emitMessage(spec: MessageSpec, range: VersionRange): EmittedMessage {
  const valid = parseVersions(spec.validVersions);
  if (range.lo < valid.lo || range.hi > valid.hi) {
    throw new Error(`${spec.name}: requested versions ${range.lo}-${range.hi} outside valid ${spec.validVersions}`);
  }
  const ctx: MessageContext = {
    msgName: spec.name,
    flex: spec.flexibleVersions ? parseVersions(spec.flexibleVersions) : EMPTY,
    commonStructs: new Map((spec.commonStructs ?? []).map((s) => [s.name, s])),
    emitted: new Set(),
    out: [],
    helpers: new Set(),
  };
  const about = `${spec.name}, versions ${range.lo}-${range.hi}${
    isEmpty(ctx.flex) ? '' : `, flexible from ${ctx.flex.lo}`
  }.`;
  emitStruct(ctx, spec.name, spec.fields, range, about);
  return { code: ctx.out.join('\n\n'), helpers: ctx.helpers };
}
