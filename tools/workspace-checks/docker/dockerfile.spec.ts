import {
  binProviders,
  builtProjects,
  chainOf,
  commandTarget,
  dockerignore,
  envOf,
  finalStage,
  installsProductionOnly,
  instructionsOf,
  labelsOf,
  originOf,
  packageOf,
  parseDockerfile,
  requiredModules,
  runCommandsOf,
  userOf,
  workdirAfter,
} from './dockerfile';

const DOCKERFILE = `
# syntax=docker/dockerfile:1
ARG NODE_IMAGE=node:20-slim
FROM \${NODE_IMAGE} AS base
WORKDIR /app

FROM base AS build
COPY package.json package-lock.json ./
COPY apps/a/package.json apps/a/
RUN npm ci
COPY . .
RUN npx nx run-many -t build \\
  # comments inside a continued line are dropped
 && npm prune --omit=dev

FROM base
ENV NODE_ENV=production OTHER="a b"
LABEL org.opencontainers.image.title="platform"
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma.config.ts ./prisma.config.ts
COPY scripts/run.sh ./bin/
USER 1000:1000
CMD ["node", "dist/apps/a/main.js"]
`;

const stages = parseDockerfile(DOCKERFILE);
const ignored = dockerignore('node_modules\ndist\n');

describe('instructionsOf', () => {
  it('joins continued lines and drops comments, also between continued lines', () => {
    const runs = instructionsOf(DOCKERFILE).filter((i) => i.keyword === 'RUN');
    expect(runs.map((r) => r.args)).toEqual(['npm ci', 'npx nx run-many -t build && npm prune --omit=dev']);
  });
});

describe('parseDockerfile', () => {
  it('splits the stages and substitutes the ARGs declared before the first FROM', () => {
    expect(stages.map((s) => [s.name, s.from])).toEqual([
      ['base', 'node:20-slim'],
      ['build', 'base'],
      [undefined, 'base'],
    ]);
  });

  it('reads the final stage with what it inherits from the stages it is built on', () => {
    const chain = chainOf(stages, finalStage(stages));
    expect(workdirAfter(chain)).toBe('/app');
    expect(userOf(chain)).toEqual({ uid: 1000, gid: 1000 });
    expect(envOf(chain)).toEqual({ NODE_ENV: 'production', OTHER: 'a b' });
    expect(labelsOf(chain)).toEqual({ 'org.opencontainers.image.title': 'platform' });
  });
});

describe('userOf', () => {
  it('gives no user for a name, which the kubelet cannot check against runAsNonRoot', () => {
    expect(userOf(instructionsOf('USER node'))).toBeUndefined();
    expect(userOf(instructionsOf('USER 0'))).toEqual({ uid: 0, gid: undefined });
    expect(userOf([])).toBeUndefined();
  });
});

describe('originOf', () => {
  const final = finalStage(stages);
  const build = stages[1];

  it('follows a copy from another stage to the RUN step that made the path when the context holds it not', () => {
    expect(originOf(stages, final, '/app/dist/apps/a/main.js', ignored)).toEqual({ kind: 'run', stage: build, path: '/app/dist/apps/a/main.js' });
    expect(originOf(stages, final, '/app/node_modules/.bin/x', ignored)).toEqual({ kind: 'run', stage: build, path: '/app/node_modules/.bin/x' });
  });

  it('follows it to the build context for a file the context holds', () => {
    expect(originOf(stages, final, '/app/prisma.config.ts', ignored)).toEqual({ kind: 'context', path: 'prisma.config.ts' });
    expect(originOf(stages, build, '/app/apps/a/package.json', ignored)).toEqual({ kind: 'context', path: 'apps/a/package.json' });
  });

  it('keeps a file copied into a directory under its own name', () => {
    expect(originOf(stages, final, '/app/bin/run.sh', ignored)).toEqual({ kind: 'context', path: 'scripts/run.sh' });
    expect(originOf(stages, final, '/app/bin/other.sh', ignored).kind).toBe('run');
  });

  it('leaves a path no COPY covers to the stage itself', () => {
    expect(originOf(stages, final, '/app/scripts/db/migrate.js', ignored)).toEqual({ kind: 'run', stage: final, path: '/app/scripts/db/migrate.js' });
  });
});

describe('installsProductionOnly', () => {
  it('holds when the last npm step omits development packages', () => {
    expect(installsProductionOnly(chainOf(stages, stages[1]))).toBe(true);
    expect(installsProductionOnly(instructionsOf('RUN npm ci --omit=dev'))).toBe(true);
    expect(installsProductionOnly(instructionsOf('RUN npm prune --omit=dev && npm install left-pad'))).toBe(false);
    expect(installsProductionOnly(instructionsOf('RUN npm ci'))).toBe(false);
    expect(installsProductionOnly([])).toBe(false);
  });

  it('splits RUN steps at shell separators', () => {
    expect(runCommandsOf(instructionsOf('RUN a && b; c || d'))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('dockerignore', () => {
  it('excludes a folder with its content, globs within and across segments, and takes back negations', () => {
    const ignore = dockerignore('# comment\nnode_modules\n/dist/\n*.log\n**/generated\nsecrets\n!secrets/README.md\n');
    expect(['node_modules', 'node_modules/x/index.js', 'dist/apps/a/main.js', 'npm.log', 'libs/db/src/generated/x.ts', 'secrets/key'].map(ignore)).toEqual([true, true, true, true, true, true]);
    expect(['distribution', 'apps/a/npm.log', 'secrets/README.md', 'prisma/schema.prisma'].map(ignore)).toEqual([false, false, false, false]);
  });
});

describe('commandTarget', () => {
  it('reads node scripts and inline code, skipping node flags', () => {
    expect(commandTarget(['node', 'dist/apps/a/main.js'], '/app')).toEqual({ kind: 'script', path: '/app/dist/apps/a/main.js' });
    expect(commandTarget(['node', '--enable-source-maps', '/srv/x.js'], '/app')).toEqual({ kind: 'script', path: '/srv/x.js' });
    expect(commandTarget(['node', '-e', 'process.exit(0)'], '/app')).toEqual({ kind: 'inline', code: 'process.exit(0)' });
  });

  it('reads package binaries by path, through npx, or by bare name', () => {
    expect(commandTarget(['node_modules/.bin/prisma', 'migrate', 'deploy'], '/app')).toEqual({ kind: 'bin', name: 'prisma', via: 'path' });
    expect(commandTarget(['npx', '--no-install', 'prisma', 'migrate'], '/app')).toEqual({ kind: 'bin', name: 'prisma', via: 'npx' });
    expect(commandTarget(['tsx', 'scripts/db/migrate.ts'], '/app')).toEqual({ kind: 'bin', name: 'tsx', via: 'name' });
  });

  it('gives up on anything else rather than guess', () => {
    expect(commandTarget([], '/app').kind).toBe('unknown');
    expect(commandTarget(['/bin/sh', '-c', 'x'], '/app').kind).toBe('unknown');
  });
});

describe('requiredModules and packageOf', () => {
  it('finds what inline code requires and the package each names', () => {
    expect(requiredModules(`const net = require('node:net'); const p = require("@prisma/client/runtime");`)).toEqual(['node:net', '@prisma/client/runtime']);
    expect(['@prisma/client/runtime', 'prisma/build/index.js', 'pg'].map(packageOf)).toEqual(['@prisma/client', 'prisma', 'pg']);
  });
});

describe('binProviders', () => {
  it('finds the hoisted packages that install a binary, not nested copies', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/prisma': { bin: { prisma: 'build/index.js' } },
        'node_modules/@scope/tool': { bin: { tool: 'cli.js' }, dev: true },
        'node_modules/other/node_modules/prisma': { bin: { prisma: 'old.js' } },
      },
    };
    expect(binProviders(lock, 'prisma')).toEqual(['prisma']);
    expect(binProviders(lock, 'tool')).toEqual(['@scope/tool']);
    expect(binProviders(lock, 'none')).toEqual([]);
  });
});

describe('builtProjects', () => {
  const all = ['a', 'b', 'c'];
  it('reads which projects an Nx step builds', () => {
    expect(builtProjects('NX_DAEMON=false npx nx run-many -t build --outputStyle=static', all)).toEqual(all);
    expect(builtProjects('npx nx run-many --targets=build --projects=a,c', all)).toEqual(['a', 'c']);
    expect(builtProjects('npx nx build b', all)).toEqual(['b']);
    expect(builtProjects('npx nx run c:build', all)).toEqual(['c']);
    expect(builtProjects('npx nx run-many -t test', all)).toEqual([]);
    expect(builtProjects('npm ci', all)).toEqual([]);
  });
});
