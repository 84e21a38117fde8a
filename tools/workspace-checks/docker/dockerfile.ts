import path from 'node:path';

/**
 * A small reader of the Dockerfile, enough to answer offline what the final image holds: which stage
 * each path comes from, who runs it, and which packages it installs. The image itself cannot be built
 * on the development machines (no Docker engine).
 */

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name?: string;
  from: string;
  instructions: Instruction[];
}

/** Where a path of a stage's file system comes from: the build context, or a RUN step of some stage. */
export type Origin = { kind: 'context'; path: string } | { kind: 'run'; stage: Stage; path: string };

export interface Copy {
  from?: string;
  sources: string[];
  /** Absolute, resolved against the WORKDIR in force. */
  dest: string;
  /** Sources go inside dest (`./`, `.`, or several sources) rather than become it. */
  intoDir: boolean;
}

/** Instructions one per entry: continuation lines joined, comments (also between continued lines) dropped. */
export function instructionsOf(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    const continued = line.endsWith('\\');
    pending += `${continued ? line.slice(0, -1) : line} `;
    if (continued) continue;
    const match = /^(\S+)\s*(.*)$/.exec(pending.trim());
    if (match) result.push({ keyword: match[1].toUpperCase(), args: match[2].replace(/\s+/g, ' ').trim() });
    pending = '';
  }
  return result;
}

const substitute = (value: string, vars: Record<string, string>) => value.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a, b) => vars[a ?? b] ?? whole);

/** The stages in order; ARGs declared before the first FROM are substituted into the FROM lines. */
export function parseDockerfile(text: string): Stage[] {
  const globals: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructionsOf(text)) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = substitute(instruction.args, globals).split(' ').filter((w) => !w.startsWith('--'));
      stages.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') {
        const [key, value] = instruction.args.split('=');
        if (value !== undefined) globals[key] = value;
      }
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

export const finalStage = (stages: Stage[]): Stage => stages[stages.length - 1];

export const stageNamed = (stages: Stage[], name: string): Stage | undefined => stages.find((s) => s.name === name);

/** A stage's instructions with those of the stages it is built FROM before them (`FROM base AS build`). */
export function chainOf(stages: Stage[], stage: Stage): Instruction[] {
  const parent = stageNamed(stages, stage.from);
  return parent && parent !== stage ? [...chainOf(stages, parent), ...stage.instructions] : stage.instructions;
}

/** The words of an exec-form (`["a", "b"]`) or shell-form instruction. */
export function wordsOf(args: string): string[] {
  if (args.startsWith('[')) return JSON.parse(args) as string[];
  return args.split(' ').filter(Boolean);
}

const resolveAgainst = (workdir: string, p: string) => path.posix.resolve(workdir, p);

/** The WORKDIR in force after a list of instructions (`/` when none sets one). */
export function workdirAfter(instructions: Instruction[]): string {
  return instructions.filter((i) => i.keyword === 'WORKDIR').reduce((dir, i) => resolveAgainst(dir, i.args), '/');
}

/** The COPY (and ADD) steps of a chain, in order, each destination made absolute. */
export function copiesOf(instructions: Instruction[]): Copy[] {
  const copies: Copy[] = [];
  let workdir = '/';
  for (const instruction of instructions) {
    if (instruction.keyword === 'WORKDIR') workdir = resolveAgainst(workdir, instruction.args);
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const words = wordsOf(instruction.args);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((w) => !w.startsWith('--'));
    const dest = paths[paths.length - 1];
    const sources = paths.slice(0, -1);
    copies.push({ from, sources, dest: resolveAgainst(workdir, dest), intoDir: dest.endsWith('/') || dest === '.' || sources.length > 1 });
  }
  return copies;
}

const covers = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/**
 * Where `absPath` of the stage's file system comes from. The last COPY that covers it wins, unless what it
 * would copy from the build context is excluded by .dockerignore; a path no COPY provides is made by the
 * stage's RUN steps (or its base image). A copy from another stage is followed into that stage.
 */
export function originOf(stages: Stage[], stage: Stage, absPath: string, ignored: (contextPath: string) => boolean): Origin {
  const chain = chainOf(stages, stage);
  for (const copy of copiesOf(chain).reverse()) {
    for (const source of copy.sources) {
      // A directory's content lands in dest (`COPY . .`, `COPY /app/dist ./dist`); a file copied into a
      // directory keeps its name (`COPY apps/broker/package.json apps/broker/`).
      const content = !copy.intoDir || source === '.' || source.endsWith('/');
      const root = content ? copy.dest : path.posix.join(copy.dest, path.posix.basename(source));
      if (!covers(root, absPath)) continue;
      const rest = path.posix.relative(root, absPath);
      if (copy.from) {
        const from = stageNamed(stages, copy.from);
        if (!from) throw new Error(`COPY --from=${copy.from}: no stage of that name`);
        return originOf(stages, from, path.posix.join(source, rest), ignored);
      }
      const contextPath = path.posix.normalize(path.posix.join(source, rest)).replace(/^\/+/, '');
      if (!ignored(contextPath)) return { kind: 'context', path: contextPath };
    }
  }
  return { kind: 'run', stage, path: absPath };
}

/** The shell commands of a chain's RUN steps, split at `&&`, `;` and `||`. */
export function runCommandsOf(instructions: Instruction[]): string[] {
  return instructions
    .filter((i) => i.keyword === 'RUN')
    .flatMap((i) => i.args.split(/&&|\|\||;/))
    .map((c) => c.trim())
    .filter(Boolean);
}

/** npm steps that put packages into node_modules: `npm ci`, `npm install` and its aliases, `npm prune`. */
export const npmInstallStep = (command: string) => /^npm\s+(ci|install|i|add|prune)(\s|$)/.test(command);

/** Whether an npm step leaves development dependencies out. */
export const omitsDev = (command: string) => /--omit[= ]dev\b|--production\b|--only[= ]prod(uction)?\b/.test(command);

/** Whether the last npm step of a chain leaves node_modules with production packages only. */
export function installsProductionOnly(instructions: Instruction[]): boolean {
  const steps = runCommandsOf(instructions).filter(npmInstallStep);
  return steps.length > 0 && omitsDev(steps[steps.length - 1]);
}

/** The `USER` in force at the end of a chain as numbers, or undefined when it is unset or a name. */
export function userOf(instructions: Instruction[]): { uid: number; gid?: number } | undefined {
  const last = instructions.filter((i) => i.keyword === 'USER').pop();
  if (!last) return undefined;
  const [uid, gid] = last.args.split(':');
  if (!/^\d+$/.test(uid) || (gid !== undefined && !/^\d+$/.test(gid))) return undefined;
  return { uid: Number(uid), gid: gid === undefined ? undefined : Number(gid) };
}

/** The variables a chain's ENV steps set (`ENV A=1 B=2` and the old `ENV A 1`). */
export function envOf(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of instructions.filter((i) => i.keyword === 'ENV')) {
    if (!instruction.args.includes('=')) {
      const [key, ...value] = instruction.args.split(' ');
      env[key] = value.join(' ');
      continue;
    }
    for (const match of instruction.args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[match[1]] = match[3] ?? match[2];
  }
  return env;
}

/** The `LABEL` values of a chain. */
export function labelsOf(instructions: Instruction[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const instruction of instructions.filter((i) => i.keyword === 'LABEL')) {
    for (const match of instruction.args.matchAll(/([\w.-]+)=("([^"]*)"|\S*)/g)) labels[match[1]] = match[3] ?? match[2];
  }
  return labels;
}

/**
 * A .dockerignore as a predicate on context paths: `dir` also excludes what is under it, `*` stays within a
 * path segment, `**` crosses them, and a later `!pattern` takes a path back in (Docker's order).
 */
export function dockerignore(text: string): (contextPath: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const pattern = path.posix.normalize((negated ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
      const body = pattern
        .split('**')
        .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
        .join('.*');
      return { negated, regex: new RegExp(`^${body}(/.*)?$`) };
    });
  return (contextPath) => rules.reduce((ignored, rule) => (rule.regex.test(contextPath) ? !rule.negated : ignored), false);
}

export type CommandTarget =
  | { kind: 'inline'; code: string }
  | { kind: 'script'; path: string }
  | { kind: 'bin'; name: string; via: 'path' | 'npx' | 'name' }
  | { kind: 'unknown'; argv: string[] };

const NODE_INLINE = ['-e', '--eval', '-p', '--print'];

/**
 * What a container's command runs, paths made absolute against the image's WORKDIR: a script under node,
 * inline code under `node -e`, or a package's binary (`node_modules/.bin/x`, `npx x`, or a bare name).
 */
export function commandTarget(argv: string[], workdir: string): CommandTarget {
  const [program, ...rest] = argv;
  if (program === undefined) return { kind: 'unknown', argv };
  if (program === 'node' || program.endsWith('/bin/node')) {
    for (let i = 0; i < rest.length; i++) {
      if (NODE_INLINE.includes(rest[i])) return { kind: 'inline', code: rest[i + 1] ?? '' };
      if (!rest[i].startsWith('-')) return { kind: 'script', path: resolveAgainst(workdir, rest[i]) };
    }
    return { kind: 'unknown', argv };
  }
  const bin = /(^|\/)node_modules\/\.bin\/([^/]+)$/.exec(program);
  if (bin) return { kind: 'bin', name: bin[2], via: 'path' };
  if (program === 'npx') {
    const name = rest.find((w) => !w.startsWith('-'));
    return name ? { kind: 'bin', name, via: 'npx' } : { kind: 'unknown', argv };
  }
  return program.includes('/') ? { kind: 'unknown', argv } : { kind: 'bin', name: program, via: 'name' };
}

/** The modules an inline script loads with `require('...')`. */
export const requiredModules = (code: string): string[] => [...code.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);

/** The npm package a module specifier or a node_modules path names (`@scope/name` or `name`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export interface Lockfile {
  packages: Record<string, { bin?: Record<string, string>; dev?: boolean; devOptional?: boolean }>;
}

/** The installed packages (hoisted, top level) that provide a binary of this name. */
export function binProviders(lock: Lockfile, name: string): string[] {
  return Object.entries(lock.packages)
    .filter(([key, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && entry.bin?.[name] !== undefined)
    .map(([key]) => key.slice('node_modules/'.length));
}

/** The Nx projects a build step builds: every one for `run-many -t build` without a project list. */
export function builtProjects(command: string, allProjects: string[]): string[] {
  if (!/\bnx\b/.test(command)) return [];
  const runMany = /\brun-many\b/.test(command) && /(-t|--targets?)[= ]build\b/.test(command);
  if (runMany) {
    const list = /(?:-p|--projects)[= ](\S+)/.exec(command);
    return list ? list[1].split(',').filter((p) => allProjects.includes(p)) : allProjects;
  }
  const single = /\bnx\s+(?:build\s+(\S+)|run\s+([^:\s]+):build\b)/.exec(command);
  return single ? [single[1] ?? single[2]] : [];
}
