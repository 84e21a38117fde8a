import { LogConfig } from '../log/log-config';
import { StorageError, StorageErrorCode } from '../files/storage-error';

/** One config as DescribeConfigs and the HTTP API report it. */
export interface ConfigEntry {
  name: string;
  value: string;
  isDefault: boolean;
  readOnly: boolean;
  sensitive: boolean;
  source: 'TOPIC_CONFIG' | 'DEFAULT_CONFIG';
}

const INT32_MAX = 0x7fffffff;

interface ConfigDef {
  /** Parses a value into LogConfig, or throws with the reason. */
  apply(value: string, into: LogConfig): void;
  show(config: LogConfig): string;
  /** Fixed by this broker: reported, but a different value is refused. */
  readOnly?: boolean;
}

function integer(min: number, max: number, key: keyof LogConfig): ConfigDef {
  return {
    apply(value, into) {
      const n = Number(value);
      if (value.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
        throw new Error(`must be an integer between ${min} and ${max}`);
      }
      (into[key] as number) = n;
    },
    show: (c) => String(c[key]),
  };
}

function fixed(value: string): ConfigDef {
  return {
    apply(v) {
      if (v !== value) throw new Error(`only "${value}" is supported by this broker`);
    },
    show: () => value,
    readOnly: true,
  };
}

/** The topic configs this broker understands (Kafka names). Anything else is INVALID_CONFIG. */
const DEFS: Record<string, ConfigDef> = {
  'cleanup.policy': fixed('delete'),
  // Shown with the broker's BROKER_LOG_FLUSH_INTERVAL_MS filled in by the caller when the topic does not set it.
  'flush.ms': integer(0, INT32_MAX, 'flushMs'),
  'index.interval.bytes': integer(0, INT32_MAX, 'indexIntervalBytes'),
  'max.message.bytes': integer(0, INT32_MAX, 'maxMessageBytes'),
  'message.timestamp.type': {
    apply(value, into) {
      if (value !== 'CreateTime' && value !== 'LogAppendTime') throw new Error('must be CreateTime or LogAppendTime');
      into.logAppendTime = value === 'LogAppendTime';
    },
    show: (c) => (c.logAppendTime ? 'LogAppendTime' : 'CreateTime'),
  },
  'min.insync.replicas': fixed('1'),
  'retention.bytes': integer(-1, Number.MAX_SAFE_INTEGER, 'retentionBytes'),
  'retention.ms': integer(-1, Number.MAX_SAFE_INTEGER, 'retentionMs'),
  'segment.bytes': integer(14, INT32_MAX, 'segmentBytes'),
  'segment.ms': integer(1, Number.MAX_SAFE_INTEGER, 'segmentMs'),
};

export const SUPPORTED_TOPIC_CONFIGS = Object.keys(DEFS).sort();

/**
 * Checks topic config overrides (as CreateTopics sends them; a null value means "use the default")
 * and returns the effective log config plus the overrides to persist. Throws INVALID_CONFIG.
 */
export function resolveTopicConfig(
  overrides: Record<string, string | null>,
  defaults: LogConfig,
): { config: LogConfig; overrides: Record<string, string> } {
  const config: LogConfig = { ...defaults };
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(overrides)) {
    const def = DEFS[name];
    if (!def) {
      throw new StorageError(
        StorageErrorCode.invalidConfig,
        `unknown topic config "${name}" (supported: ${SUPPORTED_TOPIC_CONFIGS.join(', ')})`,
      );
    }
    if (value === null) continue;
    try {
      def.apply(value, config);
    } catch (err) {
      throw new StorageError(StorageErrorCode.invalidConfig, `invalid value "${value}" for topic config ${name}: ${(err as Error).message}`);
    }
    kept[name] = value;
  }
  return { config, overrides: kept };
}

/** Every supported config of a topic with its effective value and where it comes from. */
export function describeTopicConfig(overrides: Record<string, string>, config: LogConfig): ConfigEntry[] {
  return SUPPORTED_TOPIC_CONFIGS.map((name) => {
    const own = Object.hasOwn(overrides, name);
    return {
      name,
      value: DEFS[name].show(config),
      isDefault: !own,
      readOnly: DEFS[name].readOnly === true,
      sensitive: false,
      source: own ? 'TOPIC_CONFIG' : 'DEFAULT_CONFIG',
    };
  });
}
