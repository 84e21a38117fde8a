/**
 * Parsers for environment variables. Each one knows its default and how to describe what it
 * expects, so a bad value can be reported as "VAR=value: expected ...", in one line.
 */
export interface EnvVar<T> {
  readonly expected: string;
  parse(raw: string | undefined): { ok: true; value: T } | { ok: false };
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const bad = { ok: false as const };

function withDefault<T>(raw: string | undefined, fallback: T | undefined, parse: (s: string) => { ok: true; value: T } | { ok: false }) {
  if (raw === undefined || raw === '') {
    return fallback === undefined ? bad : ok(fallback);
  }
  return parse(raw.trim());
}

export function intVar(options: { default?: number; min?: number; max?: number }): EnvVar<number> {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const range =
    options.min !== undefined && options.max !== undefined
      ? ` from ${min} to ${max}`
      : options.min !== undefined
        ? ` >= ${min}`
        : options.max !== undefined
          ? ` <= ${max}`
          : '';
  return {
    expected: `an integer${range}`,
    parse: (raw) =>
      withDefault(raw, options.default, (s) => {
        if (!/^-?\d+$/.test(s)) return bad;
        const n = Number(s);
        return n >= min && n <= max ? ok(n) : bad;
      }),
  };
}

/** An integer in range, or unset (undefined): for a setting whose default depends on other settings. */
export function optionalIntVar(options: { min?: number; max?: number }): EnvVar<number | undefined> {
  const given = intVar(options);
  return {
    expected: `${given.expected}, or unset`,
    parse: (raw) => (raw === undefined || raw.trim() === '' ? ok(undefined) : given.parse(raw)),
  };
}

export function portVar(defaultPort: number): EnvVar<number> {
  return { ...intVar({ default: defaultPort, min: 0, max: 65535 }), expected: 'a TCP port from 0 to 65535' };
}

export function boolVar(defaultValue: boolean): EnvVar<boolean> {
  return {
    expected: 'true or false',
    parse: (raw) =>
      withDefault(raw, defaultValue, (s) => {
        const lower = s.toLowerCase();
        if (['true', '1', 'yes'].includes(lower)) return ok(true);
        if (['false', '0', 'no'].includes(lower)) return ok(false);
        return bad;
      }),
  };
}

export function stringVar(options: { default?: string; pattern?: RegExp; expected?: string }): EnvVar<string> {
  return {
    expected: options.expected ?? (options.pattern ? `a value matching ${options.pattern}` : 'a non-empty string'),
    parse: (raw) => withDefault(raw, options.default, (s) => (!options.pattern || options.pattern.test(s) ? ok(s) : bad)),
  };
}

export function optionalStringVar(options: { pattern?: RegExp; expected?: string } = {}): EnvVar<string | undefined> {
  return {
    expected: options.expected ?? 'a non-empty string, or unset',
    parse: (raw) => {
      if (raw === undefined || raw.trim() === '') return ok(undefined);
      return !options.pattern || options.pattern.test(raw.trim()) ? ok(raw.trim()) : bad;
    },
  };
}

export function urlVar(options: { default?: string; protocols: string[] }): EnvVar<string> {
  const expected = `a URL starting with ${options.protocols.map((p) => `${p}//`).join(' or ')}`;
  return {
    expected,
    parse: (raw) =>
      withDefault(raw, options.default, (s) => {
        try {
          const url = new URL(s);
          return options.protocols.includes(url.protocol) && url.hostname !== '' ? ok(s) : bad;
        } catch {
          return bad;
        }
      }),
  };
}

export function optionalUrlVar(protocols: string[]): EnvVar<string | undefined> {
  const url = urlVar({ protocols });
  return {
    expected: `${url.expected}, or unset`,
    parse: (raw) => (raw === undefined || raw.trim() === '' ? ok(undefined) : url.parse(raw)),
  };
}

export function enumVar<const T extends string>(values: readonly T[], defaultValue: T): EnvVar<T> {
  return {
    expected: `one of ${values.join(', ')}`,
    parse: (raw) =>
      withDefault(raw, defaultValue, (s) => ((values as readonly string[]).includes(s) ? ok(s as T) : bad)),
  };
}

/** `host:port[,host:port...]`, the form every Kafka client takes for its bootstrap list. */
export function hostPortListVar(defaultValue: string): EnvVar<string[]> {
  return {
    expected: 'a comma-separated list of host:port',
    parse: (raw) =>
      withDefault(raw, defaultValue.split(','), (s) => {
        const items = s.split(',').map((item) => item.trim());
        const valid = items.every((item) => {
          const match = /^([A-Za-z0-9.\-_]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(item);
          return match !== null && Number(match[2]) <= 65535;
        });
        return valid ? ok(items) : bad;
      }),
  };
}

/** Like `hostPortListVar`, but unset means an empty list: for settings that are off unless given. */
export function optionalHostPortListVar(): EnvVar<string[]> {
  const list = hostPortListVar('unused:0');
  return {
    expected: `${list.expected}, or unset`,
    parse: (raw) => (raw === undefined || raw.trim() === '' ? ok([]) : list.parse(raw)),
  };
}

/** A comma-separated list of distinct names (stream keys, group names...), each matching `item`. */
export function nameListVar(defaultValue: string[], item = /^[^\s,]+$/, expected = 'a comma-separated list of names without blanks'): EnvVar<string[]> {
  return {
    expected,
    parse: (raw) =>
      withDefault(raw, defaultValue, (s) => {
        const names = s.split(',').map((name) => name.trim());
        return names.every((name) => item.test(name)) && new Set(names).size === names.length ? ok(names) : bad;
      }),
  };
}
