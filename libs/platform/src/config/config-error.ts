/** One environment variable that failed validation, as the operator needs to see it. */
export interface ConfigIssue {
  variable: string;
  value: string | undefined;
  expected: string;
}

/** Thrown at start-up when the environment does not describe a runnable service. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatConfigIssue).join('; '));
    this.name = 'ConfigError';
  }
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const shown = issue.value === undefined ? '(unset)' : JSON.stringify(issue.value);
  return `invalid configuration: ${issue.variable}=${shown}: expected ${issue.expected}`;
}
