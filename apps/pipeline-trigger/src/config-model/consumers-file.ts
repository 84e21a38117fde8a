import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ConfigError } from '@app/platform';
import { parse as parseYaml } from 'yaml';
import { ConsumerConfig, formatConfigFieldErrors, parseConsumerConfig } from './consumer-config';

export type ConsumersFileResult = { ok: true; consumers: ConsumerConfig[] } | { ok: false; problems: string[] };

/**
 * The consumers of a config file: `{ consumers: [...] }` or a bare list, each entry validated
 * exactly as a REST body is. Every bad entry is reported, each naming its consumer and field, so
 * a deployment is fixed in one round.
 */
export function parseConsumersFile(text: string, format: 'json' | 'yaml'): ConsumersFileResult {
  let document: unknown;
  try {
    document = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return { ok: false, problems: [`not valid ${format.toUpperCase()}: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (document === null || document === undefined) return { ok: true, consumers: [] };
  const entries = Array.isArray(document) ? document : isRecord(document) && Object.keys(document).join() === 'consumers' ? document.consumers : undefined;
  if (!Array.isArray(entries)) return { ok: false, problems: ['expected a list of consumers, or an object with only the key "consumers" holding that list'] };

  const problems: string[] = [];
  const consumers: ConsumerConfig[] = [];
  const seen = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    const label = isRecord(entry) && typeof entry.consumer_id === 'string' ? `consumer "${entry.consumer_id}" (entry ${index + 1})` : `entry ${index + 1}`;
    const result = parseConsumerConfig(entry);
    if (!result.ok) {
      problems.push(`${label}: ${formatConfigFieldErrors(result.fields)}`);
    } else if (seen.has(result.config.consumer_id)) {
      problems.push(`${label}: consumer_id: expected a consumer_id used once in the file, received a repeat`);
    } else {
      seen.add(result.config.consumer_id);
      consumers.push(result.config);
    }
  });
  return problems.length === 0 ? { ok: true, consumers } : { ok: false, problems };
}

export function consumersFileFormat(path: string): 'json' | 'yaml' {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
}

/** Reads `PIPELINE_CONSUMERS_FILE` at start-up; a missing or bad file stops the service with one line per problem. */
export function loadConsumersFile(path: string | undefined, variable = 'PIPELINE_CONSUMERS_FILE'): ConsumerConfig[] {
  if (path === undefined) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([{ variable, value: path, expected: `a readable consumers file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  const result = parseConsumersFile(text, consumersFileFormat(path));
  if (!result.ok) throw new ConfigError(result.problems.map((problem) => ({ variable, value: path, expected: `a valid consumers file; ${problem}` })));
  return result.consumers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
