import fc from 'fast-check';
import { join } from 'node:path';
import { GENERATED_APIS, GENERATED_DATA } from '../codegen/api-ranges';
import { SPEC_DIR, loadSpec } from '../codegen/generate';
import { messageArbitrary } from '../codegen/spec-arbitrary';
import * as generated from './generated';
import { API_CODECS } from './generated';
import { Reader } from './io/reader';
import { Writer } from './io/writer';

type ReadFn = (r: Reader, v: number) => unknown;
type WriteFn = (w: Writer, o: unknown, v: number) => void;

function roundTrip(read: ReadFn, write: WriteFn, value: unknown, version: number): void {
  const w = new Writer(64);
  write(w, value, version);
  const bytes = w.toBuffer();
  const r = new Reader(bytes);
  const decoded = read(r, version);
  expect(r.remaining).toBe(0);
  expect(decoded).toMatchObject(value as object);
  const again = new Writer(64);
  write(again, decoded, version);
  expect(again.toBuffer()).toEqual(bytes);
}

const cases: Array<[string, number, string]> = [];
for (const api of GENERATED_APIS) {
  for (let v = api.min; v <= api.max; v++) {
    cases.push([`${api.name}Request`, v, 'messages']);
    cases.push([`${api.name}Response`, v, 'messages']);
  }
}
for (const name of GENERATED_DATA) {
  const spec = loadSpec(join(SPEC_DIR, 'records', `${name}.json`));
  const [lo, hi] = spec.validVersions.split('-').map(Number);
  for (let v = lo; v <= (hi ?? lo); v++) cases.push([name, v, 'records']);
}

describe('generated codec round trip (values drawn from the JSON spec)', () => {
  it.each(cases)('%s v%i', (name, version, dir) => {
    const spec = loadSpec(join(SPEC_DIR, dir, `${name}.json`));
    const mod = generated as unknown as Record<string, ReadFn | WriteFn>;
    const read = mod[`read${name}`] as ReadFn;
    const write = mod[`write${name}`] as WriteFn;
    fc.assert(
      fc.property(messageArbitrary(spec, version), (value) => roundTrip(read, write, value, version)),
      { numRuns: 25 },
    );
  });

  it('has a codec table entry per generated API with its range', () => {
    for (const api of GENERATED_APIS) {
      const codec = [...API_CODECS.values()].find((c) => c.name === api.name);
      expect(codec).toMatchObject({ minVersion: api.min, maxVersion: api.max });
    }
  });
});
