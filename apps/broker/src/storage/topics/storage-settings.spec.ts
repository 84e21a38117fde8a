import { storageSettingsFromEnv } from './storage-settings';

describe('storageSettingsFromEnv', () => {
  it('has safe local defaults', () => {
    const s = storageSettingsFromEnv({});
    expect(s).toMatchObject({ dataDir: './data/broker', flushIntervalMs: 0, autoCreateTopics: true, defaultPartitions: 1 });
    expect(s.defaults).toMatchObject({ segmentBytes: 1 << 30, retentionBytes: -1, maxMessageBytes: 1_048_588, logAppendTime: false });
  });

  it('reads the BROKER_* variables', () => {
    const s = storageSettingsFromEnv({
      BROKER_DATA_DIR: '/var/lib/broker',
      BROKER_LOG_FLUSH_INTERVAL_MS: '250',
      BROKER_AUTO_CREATE_TOPICS: 'false',
      BROKER_LOG_SEGMENT_BYTES: '1048576',
      BROKER_LOG_RETENTION_BYTES: '5000000',
      BROKER_LOG_MESSAGE_TIMESTAMP_TYPE: 'LogAppendTime',
    });
    expect(s).toMatchObject({ dataDir: '/var/lib/broker', flushIntervalMs: 250, autoCreateTopics: false });
    expect(s.defaults).toMatchObject({ segmentBytes: 1_048_576, retentionBytes: 5_000_000, logAppendTime: true });
  });

  it('refuses malformed values, naming the variable', () => {
    expect(() => storageSettingsFromEnv({ BROKER_LOG_FLUSH_INTERVAL_MS: 'often' })).toThrow(/BROKER_LOG_FLUSH_INTERVAL_MS/);
    expect(() => storageSettingsFromEnv({ BROKER_LOG_SEGMENT_BYTES: '10' })).toThrow(/BROKER_LOG_SEGMENT_BYTES/);
    expect(() => storageSettingsFromEnv({ BROKER_AUTO_CREATE_TOPICS: 'maybe' })).toThrow(/BROKER_AUTO_CREATE_TOPICS/);
    expect(() => storageSettingsFromEnv({ BROKER_LOG_MESSAGE_TIMESTAMP_TYPE: 'Now' })).toThrow(/BROKER_LOG_MESSAGE_TIMESTAMP_TYPE/);
  });
});
