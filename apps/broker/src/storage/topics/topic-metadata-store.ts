import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file';
import { topicNameProblem } from './topic-name';

/** What survives a restart about a topic; its data lives in the partition directories. */
export interface TopicRecord {
  name: string;
  topicId: string;
  partitions: number;
  /** Only the configs set on the topic; defaults come from the broker settings at start. */
  configs: Record<string, string>;
}

const FILE = 'topics.json';
const FORMAT_VERSION = 1;

/** The topic list as one JSON file in the data directory, replaced atomically on every change. */
export class TopicMetadataStore {
  constructor(private readonly dataDir: string) {}

  get path(): string {
    return join(this.dataDir, FILE);
  }

  /** The stored topics; none when the file does not exist yet. A file that does not parse is an error, never "no topics". */
  async load(): Promise<TopicRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`${this.path} is not valid JSON (${(err as Error).message}); refusing to start without the topic list`);
    }
    const doc = parsed as { version?: unknown; topics?: unknown };
    if (doc?.version !== FORMAT_VERSION || !Array.isArray(doc.topics) || !doc.topics.every(isTopicRecord)) {
      throw new Error(`${this.path} does not hold a version ${FORMAT_VERSION} topic list`);
    }
    return doc.topics;
  }

  async save(topics: TopicRecord[]): Promise<void> {
    const sorted = [...topics].sort((a, b) => a.name.localeCompare(b.name));
    await writeFileAtomic(this.path, JSON.stringify({ version: FORMAT_VERSION, topics: sorted }, null, 2) + '\n');
  }
}

function isTopicRecord(v: unknown): v is TopicRecord {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (
    topicNameProblem(t.name) === undefined &&
    typeof t.topicId === 'string' &&
    Number.isSafeInteger(t.partitions) &&
    (t.partitions as number) > 0 &&
    typeof t.configs === 'object' &&
    t.configs !== null &&
    Object.values(t.configs).every((x) => typeof x === 'string')
  );
}
