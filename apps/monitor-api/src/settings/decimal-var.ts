import type { EnvVar } from '@app/platform';

/** A decimal number within [min, max] (thresholds such as SLO_COMPLIANCE_MIN=0.95 are fractions). */
export function decimalVar(options: { default: number; min: number; max: number }): EnvVar<number> {
  return {
    expected: `a number from ${options.min} to ${options.max}`,
    parse: (raw) => {
      if (raw === undefined || raw.trim() === '') return { ok: true, value: options.default };
      const s = raw.trim();
      if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false };
      const n = Number(s);
      return n >= options.min && n <= options.max ? { ok: true, value: n } : { ok: false };
    },
  };
}
