import { dockerignore, parseDockerfile } from './dockerfile';
import { imageChecks, type Workspace } from './image-checks';

const DOCKERFILE = `
FROM node:20-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npx nx run-many -t build && npm prune --omit=dev
FROM node:20-slim
WORKDIR /app
RUN rm -rf /usr/local/bin/npm /usr/local/bin/npx
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY prisma.config.ts ./
COPY prisma ./prisma
USER 1000
`;

const workspace = (dockerfile = DOCKERFILE, files = ['prisma.config.ts', 'prisma/schema.prisma', 'prisma/migrations']): Workspace => ({
  stages: parseDockerfile(dockerfile),
  ignored: dockerignore('node_modules\ndist\n'),
  exists: (file) => files.some((f) => file === f || file.startsWith(`${f}/`)),
  packageJson: { dependencies: { prisma: '7.0.0', pg: '8.0.0' }, devDependencies: { tsx: '4.0.0' } },
  lock: {
    packages: {
      'node_modules/prisma': { bin: { prisma: 'build/index.js' } },
      'node_modules/pg': {},
      'node_modules/pg-pool': {},
      'node_modules/tsx': { bin: { tsx: 'dist/cli.mjs' }, dev: true },
    },
  },
  buildOutputs: { a: ['dist/apps/a'], b: ['dist/apps/b'] },
});

describe('imageChecks', () => {
  const checks = imageChecks(workspace());

  it('accepts what the image holds: a built app, a production binary with the files it reads, inline code on production packages', () => {
    expect(checks.commandProblems(['node', 'dist/apps/a/main.js'])).toEqual([]);
    expect(checks.commandProblems(['node_modules/.bin/prisma', 'migrate', 'deploy'])).toEqual([]);
    expect(checks.commandProblems(['node', '-e', "require('node:net'); require('pg-pool')"])).toEqual([]);
  });

  it('names what is missing', () => {
    expect(checks.commandProblems(['node', 'dist/apps/c/main.js'])).toEqual(['/app/dist/apps/c/main.js: build does not build c']);
    expect(checks.commandProblems(['node', 'scripts/migrate.js'])).toEqual(['/app/scripts/migrate.js: no COPY of the final stage provides it, and the final stage is not known to make it']);
    expect(checks.commandProblems(['node_modules/.bin/tsx', 'x.ts'])).toEqual([
      'tsx: no production dependency provides it (tsx is a devDependency)',
      '/app/node_modules/.bin/tsx: no production dependency provides tsx',
    ]);
    expect(checks.commandProblems(['npx', 'prisma', 'migrate'])).toEqual(['npx prisma migrate: the final stage removes npx']);
    expect(checks.commandProblems(['node', '-e', "require('tsx')"])).toEqual(['node -e requires tsx, which is not a production package']);
    expect(checks.commandProblems(['/bin/sh', '-c', 'x'])).toEqual(['/bin/sh -c x: not a command these checks can follow into the image']);
  });

  it('follows a binary to the files it reads from the working directory', () => {
    const withoutMigrations = imageChecks(workspace(DOCKERFILE, ['prisma.config.ts', 'prisma/schema.prisma']));
    expect(withoutMigrations.commandProblems(['node_modules/.bin/prisma', 'migrate', 'deploy'])).toEqual(['/app/prisma/migrations: copied from prisma/migrations, which is not in the repository']);
  });

  it('checks the pod security context against the numeric USER of the image', () => {
    expect(checks.userProblems({ runAsNonRoot: true, runAsUser: 1000 })).toEqual([]);
    expect(checks.userProblems({ runAsNonRoot: true })).toEqual([]);
    expect(checks.userProblems({ runAsUser: 1001 })).toEqual(['runAsNonRoot is not set', "runAsUser 1001 is not the image's USER 1000"]);
    expect(imageChecks(workspace(DOCKERFILE.replace('USER 1000', 'USER node'))).userProblems({ runAsNonRoot: true })).toEqual([
      "the final stage's USER must be a non-root numeric id (the kubelet cannot check runAsNonRoot against a name)",
    ]);
  });

  it('finds development packages in the final stage', () => {
    expect(checks.installProblems()).toEqual([]);
    expect(imageChecks(workspace(DOCKERFILE.replace(' && npm prune --omit=dev', ''))).installProblems()).toEqual([
      'node_modules comes from build, whose last npm step keeps development packages',
    ]);
    expect(imageChecks(workspace(`${DOCKERFILE}RUN npm install left-pad\n`)).installProblems()).toEqual([
      'the final stage runs `npm install left-pad`, which installs development packages',
    ]);
  });
});
