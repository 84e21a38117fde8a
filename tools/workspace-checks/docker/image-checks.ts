import { builtinModules } from 'node:module';
import path from 'node:path';
import {
  binProviders,
  builtProjects,
  chainOf,
  commandTarget,
  finalStage,
  installsProductionOnly,
  type Lockfile,
  originOf,
  packageOf,
  requiredModules,
  runCommandsOf,
  type Stage,
  userOf,
  workdirAfter,
} from './dockerfile';

/** What the checks read of the workspace, passed in so that they run on fixtures as well as on the repo. */
export interface Workspace {
  stages: Stage[];
  /** .dockerignore as a predicate on context paths. */
  ignored: (contextPath: string) => boolean;
  /** Whether a workspace-relative path exists in the repository (the build context). */
  exists: (contextPath: string) => boolean;
  packageJson: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  lock: Lockfile;
  /** Every Nx project with a build target, and the workspace-relative folders that build writes. */
  buildOutputs: Record<string, string[]>;
}

/**
 * Files a package's binary reads from the working directory besides its own code: `prisma migrate
 * deploy` needs its config (which names the schema and the migrations folder) and both of those.
 */
export const BINARY_READS: Record<string, string[]> = {
  prisma: ['prisma.config.ts', 'prisma/schema.prisma', 'prisma/migrations'],
};

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

/** The checks of the final image against what containers run in it; each returns its problems, none when fine. */
export function imageChecks(ws: Workspace) {
  const image = finalStage(ws.stages);
  const chain = chainOf(ws.stages, image);
  const workdir = workdirAfter(chain);
  const dependencies = ws.packageJson.dependencies ?? {};
  const removed = runCommandsOf(image.instructions).filter((c) => /^rm\s/.test(c)).join(' ');

  /** A package whose files are in node_modules after a production-only install: a dependency, or one of theirs. */
  const isProduction = (pkg: string) => {
    if (dependencies[pkg] !== undefined) return true;
    const entry = ws.lock.packages[`node_modules/${pkg}`];
    return entry !== undefined && !entry.dev && !entry.devOptional;
  };

  /** Why `absPath` would be missing from the image, if it would. */
  const pathProblems = (absPath: string): string[] => {
    const origin = originOf(ws.stages, image, absPath, ws.ignored);
    if (origin.kind === 'context') return ws.exists(origin.path) ? [] : [`${absPath}: copied from ${origin.path}, which is not in the repository`];
    const stageChain = chainOf(ws.stages, origin.stage);
    const relative = path.posix.relative(workdirAfter(stageChain), origin.path);
    const stageName = origin.stage.name ?? 'the final stage';
    const app = /^dist\/apps\/([^/]+)\//.exec(relative)?.[1];
    if (app) {
      const built = runCommandsOf(stageChain).flatMap((c) => builtProjects(c, Object.keys(ws.buildOutputs)));
      if (!built.includes(app)) return [`${absPath}: ${stageName} does not build ${app}`];
      if (!(ws.buildOutputs[app] ?? []).some((dir) => relative.startsWith(`${dir}/`))) return [`${absPath}: not under the outputs of ${app}'s build`];
      return [];
    }
    const modules = /^node_modules\/(.+)$/.exec(relative)?.[1];
    if (modules) {
      if (!installsProductionOnly(stageChain)) return [`${absPath}: node_modules of ${stageName} is not installed for production only`];
      if (modules.startsWith('.bin/')) {
        const name = modules.slice('.bin/'.length);
        return binProviders(ws.lock, name).some((pkg) => dependencies[pkg] !== undefined) ? [] : [`${absPath}: no production dependency provides ${name}`];
      }
      return isProduction(packageOf(modules)) ? [] : [`${absPath}: ${packageOf(modules)} is not a production package`];
    }
    return [`${absPath}: no COPY of the final stage provides it, and ${stageName} is not known to make it`];
  };

  /** Why a container's command could not run in the image, if it could not. */
  const commandProblems = (argv: string[]): string[] => {
    const target = commandTarget(argv, workdir);
    switch (target.kind) {
      case 'inline':
        return requiredModules(target.code)
          .filter((m) => !isBuiltin(m) && !isProduction(packageOf(m)))
          .map((m) => `node -e requires ${m}, which is not a production package`);
      case 'script':
        return pathProblems(target.path);
      case 'bin': {
        const problems: string[] = [];
        const providers = binProviders(ws.lock, target.name);
        const dev = providers.filter((p) => ws.packageJson.devDependencies?.[p] !== undefined);
        if (!providers.some((p) => dependencies[p] !== undefined)) {
          problems.push(`${target.name}: no production dependency provides it${dev.length ? ` (${dev.join(', ')} is a devDependency)` : ''}`);
        }
        // node_modules/.bin is on no PATH in the image, and npx goes with npm when the final stage removes it.
        if (target.via === 'name') problems.push(`${target.name}: call it as node_modules/.bin/${target.name}; the image's PATH does not reach it`);
        if (target.via === 'npx' && /\bnpx\b/.test(removed)) problems.push(`${argv.join(' ')}: the final stage removes npx`);
        if (target.via === 'path') problems.push(...pathProblems(path.posix.join(workdir, 'node_modules/.bin', target.name)));
        for (const file of BINARY_READS[target.name] ?? []) problems.push(...pathProblems(path.posix.join(workdir, file)));
        return problems;
      }
      default:
        return [`${argv.join(' ')}: not a command these checks can follow into the image`];
    }
  };

  /** Why a container's security context would clash with the image's user, if it would. */
  const userProblems = (context: { runAsUser?: number; runAsGroup?: number; runAsNonRoot?: boolean }): string[] => {
    const user = userOf(chain);
    const problems: string[] = [];
    if (!user || user.uid === 0) problems.push(`the final stage's USER must be a non-root numeric id (the kubelet cannot check runAsNonRoot against a name)`);
    if (context.runAsNonRoot !== true) problems.push('runAsNonRoot is not set');
    if (user && context.runAsUser !== undefined && context.runAsUser !== user.uid) problems.push(`runAsUser ${context.runAsUser} is not the image's USER ${user.uid}`);
    if (user?.gid !== undefined && context.runAsGroup !== undefined && context.runAsGroup !== user.gid) problems.push(`runAsGroup ${context.runAsGroup} is not the image's group ${user.gid}`);
    return problems;
  };

  /** Steps of the final stage that would put development packages (or any unpinned package) into it. */
  const installProblems = (): string[] => [
    ...runCommandsOf(image.instructions)
      .filter((c) => /^(npm\s+(ci|install|i|add)|yarn(\s+(install|add))?|pnpm\s+(install|i|add))(\s|$)/.test(c) && !/--omit[= ]dev\b|--production\b/.test(c))
      .map((c) => `the final stage runs \`${c}\`, which installs development packages`),
    ...(() => {
      const origin = originOf(ws.stages, image, path.posix.join(workdir, 'node_modules'), ws.ignored);
      if (origin.kind === 'context') return ['node_modules comes from the build context, as installed on the machine that builds'];
      return installsProductionOnly(chainOf(ws.stages, origin.stage)) ? [] : [`node_modules comes from ${origin.stage.name ?? 'the final stage'}, whose last npm step keeps development packages`];
    })(),
  ];

  return { workdir, chain, pathProblems, commandProblems, userProblems, installProblems };
}
