import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Application, ApplicationSet, AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parseAllDocuments } from 'yaml';
import { commandTarget, dockerignore, envOf as imageEnvOf, finalStage, labelsOf, parseDockerfile, wordsOf } from '../docker/dockerfile';
import { imageChecks, type Workspace } from '../docker/image-checks';

const root = path.resolve(__dirname, '../../..');

// Rendered manifests are checked against their schemas first; the rules below then read them as plain data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };
type Validator = new (doc: never) => { validate(): void };
type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Container = { name: string; image: string; command?: string[]; args?: string[]; securityContext?: { runAsUser?: number; runAsGroup?: number; runAsNonRoot?: boolean }; env?: EnvVar[]; envFrom?: { configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[]; resources?: any; readinessProbe?: any; livenessProbe?: any };

const MODELS: Record<string, Validator> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'argoproj.io/v1alpha1/Application': Application,
  'argoproj.io/v1alpha1/ApplicationSet': ApplicationSet,
  'argoproj.io/v1alpha1/AppProject': AppProject,
};

/** Our one image (Dockerfile); every other image is third-party infrastructure. */
const OUR_IMAGE = /\/streaming-platform:/;
/** The third-party images a render may hold besides ours, and the parts (or stacks) that may run them. */
const THIRD_PARTY_IMAGES = [
  { image: /^redis:[\w.-]+$/, parts: ['infra', 'stack'] },
  { image: /^postgres:[\w.-]+$/, parts: ['infra', 'stack'] },
];
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const readmeText = readFileSync(path.join(root, 'README.md'), 'utf8');
/** The repository the README's build command tags: the image every overlay must run. */
const ourRepository = /docker build -t ([^\s:]+(?::\d+)?\/[^\s:]+):[\w.-]+ \./.exec(readmeText)?.[1];
const dockerStages = parseDockerfile(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
/** The Nx projects with a build target, and the folders that build writes. */
const buildOutputs = Object.fromEntries(
  ['apps', 'libs'].flatMap((folder) =>
    readdirSync(path.join(root, folder))
      .filter((name) => existsSync(path.join(root, folder, name, 'project.json')))
      .map((name) => readJson(path.join(folder, name, 'project.json')))
      .filter((project) => project.targets?.build)
      .map((project) => [project.name, ((project.targets.build.outputs ?? []) as string[]).map((o) => o.replace('{workspaceRoot}/', ''))]),
  ),
) as Record<string, string[]>;
const workspace: Workspace = {
  stages: dockerStages,
  ignored: dockerignore(existsSync(path.join(root, '.dockerignore')) ? readFileSync(path.join(root, '.dockerignore'), 'utf8') : ''),
  exists: (file) => existsSync(path.join(root, file)),
  packageJson: readJson('package.json'),
  lock: readJson('package-lock.json'),
  buildOutputs,
};
const image = imageChecks(workspace);
/** The services that must run as one pod, and why (see their manifests). */
const SINGLE_INSTANCE = ['broker', 'monitor-api'];
/** The services that scale out, each with an autoscaler. */
const AUTOSCALED = ['chat-consumer', 'event-router', 'pipeline-trigger'];
const WAVE = 'argocd.argoproj.io/sync-wave';

const apps = readdirSync(path.join(root, 'k8s/apps')).filter((app) => existsSync(path.join(root, 'k8s/apps', app, 'overlays')));
const appOverlays = apps.flatMap((app) =>
  readdirSync(path.join(root, 'k8s/apps', app, 'overlays')).map((env) => ({ app, env, dir: path.join('k8s/apps', app, 'overlays', env) })),
);
const stackOverlays = readdirSync(path.join(root, 'k8s/stack/overlays')).map((env) => ({ app: 'stack', env, dir: path.join('k8s/stack/overlays', env) }));
const environments = [...new Set(appOverlays.map((o) => o.env))];

const renders = new Map<string, Doc[]>();
const render = (dir: string): Doc[] => {
  let docs = renders.get(dir);
  if (!docs) {
    docs = parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { cwd: root, encoding: 'utf8' })).map((d) => d.toJSON() as Doc);
    renders.set(dir, docs);
  }
  return docs;
};

const validate = (doc: Doc) => {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind} (${doc.metadata.name}); add one here`);
  new Model(doc as never).validate();
};

const workloads = (docs: Doc[]) => docs.filter((d) => d.kind === 'Deployment' || d.kind === 'StatefulSet');
/** Deployments, StatefulSets and Jobs: everything that runs pods. */
const podOwners = (docs: Doc[]) => docs.filter((d) => d.kind === 'Deployment' || d.kind === 'StatefulSet' || d.kind === 'Job');
const containersOf = (doc: Doc): Container[] => doc.spec.template.spec.containers;
const allContainersOf = (doc: Doc): Container[] => [...(doc.spec.template.spec.initContainers ?? []), ...doc.spec.template.spec.containers];
const ours = (docs: Doc[]) => podOwners(docs).filter((d) => containersOf(d).some((c) => OUR_IMAGE.test(c.image)));
const appOf = (doc: Doc) => doc.metadata.labels?.['app.kubernetes.io/name'] ?? doc.metadata.name;
const envOf = (container: Container, name: string) => (container.env ?? []).find((e) => e.name === name);

/** The ConfigMaps containers take variables from (`envFrom`), as opposed to ones mounted as files. */
const envConfigMaps = (docs: Doc[]) => {
  const referenced = new Set<string>();
  for (const workload of workloads(docs)) {
    for (const container of containersOf(workload)) {
      for (const source of container.envFrom ?? []) if (source.configMapRef) referenced.add(source.configMapRef.name);
    }
  }
  return docs.filter((d) => d.kind === 'ConfigMap' && referenced.has(d.metadata.name));
};

/** A variable as the container sees it: its own `env` first, then its `envFrom` ConfigMaps (Kubernetes' precedence). */
const resolvedEnv = (docs: Doc[], container: Container, name: string): EnvVar | undefined => {
  const own = envOf(container, name);
  if (own) return own;
  for (const source of container.envFrom ?? []) {
    const configMap = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === source.configMapRef?.name);
    if (configMap?.data?.[name] !== undefined) return { name, value: configMap.data[name] };
  }
  return undefined;
};

/** The highest replica count a workload can reach: its autoscaler's maximum, or its own replicas. */
const maxReplicas = (docs: Doc[], workload: Doc): number => {
  const hpa = docs.find((d) => d.kind === 'HorizontalPodAutoscaler' && d.spec.scaleTargetRef.kind === workload.kind && d.spec.scaleTargetRef.name === workload.metadata.name);
  return hpa ? hpa.spec.maxReplicas : (workload.spec.replicas ?? 1);
};

/**
 * The variable an app takes its name in a consumer group from, read from its own code: `CONSUMER_NAME`
 * where its config declares one (Redis Streams groups), else `KAFKA_CLIENT_ID` where it runs kafkajs
 * group consumers (the coordinator shows each member's client id).
 */
const consumerNameVariable = (app: string): string | undefined => {
  const src = path.join(root, 'apps', app, 'src');
  if (!existsSync(src)) return undefined;
  if (/^\s*CONSUMER_NAME:/m.test(readFileSync(path.join(src, 'config.ts'), 'utf8'))) return 'CONSUMER_NAME';
  const sources = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
  return sources.some((f) => /\.consumer\(\{/.test(readFileSync(path.join(src, f), 'utf8'))) ? 'KAFKA_CLIENT_ID' : undefined;
};

const BYTES: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
const bytesOf = (quantity: string) => {
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] ? BYTES[match[2]] : 1);
};

/** Kubernetes manifests rendered offline with kustomize and checked against the API schemas and our own rules. */
describe.each([...appOverlays, ...stackOverlays])('k8s overlay $app/$env', ({ app, env, dir }) => {
  const docs = render(dir);

  it('renders only documents that pass the Kubernetes schemas, in the environment namespace', () => {
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      validate(doc);
      expect(doc.metadata.namespace).toBe(`streaming-${env}`);
    }
  });

  it('pins every image, gives every container requests and limits, and our services probes on the health endpoints', () => {
    for (const owner of podOwners(docs)) {
      for (const container of allContainersOf(owner)) {
        expect(container.image).toMatch(/:[\w.-]+$/);
        expect(container.image).not.toMatch(/:latest$/);
        expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
        expect(container.resources.limits).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
      }
    }
    for (const workload of workloads(docs)) {
      for (const container of containersOf(workload)) {
        expect(container.readinessProbe).toBeDefined();
        expect(container.livenessProbe).toBeDefined();
        if (OUR_IMAGE.test(container.image)) {
          expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
          expect(container.livenessProbe.httpGet.path).toBe('/health/live');
        }
      }
    }
  });

  it('runs only the image the Dockerfile builds, besides the infrastructure images of its part', () => {
    for (const owner of podOwners(docs)) {
      for (const container of allContainersOf(owner)) {
        const thirdParty = THIRD_PARTY_IMAGES.find((t) => t.image.test(container.image));
        if (thirdParty) {
          expect({ image: container.image, part: app, allowed: thirdParty.parts.includes(app) }).toEqual({ image: container.image, part: app, allowed: true });
          continue;
        }
        expect({ container: container.name, repository: container.image.replace(/:[\w.-]+$/, '') }).toEqual({ container: container.name, repository: ourRepository });
      }
    }
  });

  it('runs in our containers only what the image holds, as the non-root user of the image', () => {
    for (const owner of ours(docs)) {
      const pod = owner.spec.template.spec;
      for (const container of allContainersOf(owner).filter((c) => OUR_IMAGE.test(c.image))) {
        const argv = [...(container.command ?? []), ...(container.args ?? [])];
        // The image's CMD refuses to pick an app, so every container names its own.
        expect({ container: container.name, command: argv.length > 0 }).toEqual({ container: container.name, command: true });
        expect({ container: container.name, problems: image.commandProblems(argv) }).toEqual({ container: container.name, problems: [] });
        const context = { ...pod.securityContext, ...container.securityContext };
        expect({ container: container.name, problems: image.userProblems(context) }).toEqual({ container: container.name, problems: [] });
      }
    }
  });

  it('labels every workload and its pod template with app, tier and domain', () => {
    for (const owner of podOwners(docs)) {
      const labels = owner.metadata.labels ?? {};
      const template = owner.spec.template.metadata?.labels ?? {};
      expect({ kind: owner.kind, name: owner.metadata.name, app: labels.app }).toEqual({ kind: owner.kind, name: owner.metadata.name, app: owner.metadata.name });
      for (const key of ['app', 'tier', 'domain']) {
        expect(labels[key]).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(template[key]).toBe(labels[key]);
      }
    }
  });

  it('configures services only through the environment variable names of ARCHITECTURE.md and the README', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const names = new Set<string>();
    for (const configMap of envConfigMaps(docs)) Object.keys(configMap.data ?? {}).forEach((name) => names.add(name));
    for (const owner of ours(docs)) {
      for (const container of allContainersOf(owner)) {
        const env = container.env ?? [];
        // Pod fields read only to build another variable (`$(POD_NAME).broker-headless...`) are not settings.
        const helpers = env.filter((e) => e.valueFrom?.fieldRef && env.some((other) => other.value?.includes(`$(${e.name})`)));
        env.filter((e) => !helpers.includes(e)).forEach((e) => names.add(e.name));
      }
    }
    if (ours(docs).length > 0) expect(names.size).toBeGreaterThan(0);
    expect([...names].filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('names each replica in its consumer groups from the pod name wherever more than one can run', () => {
    for (const workload of ours(docs)) {
      const variable = consumerNameVariable(appOf(workload));
      if (!variable || maxReplicas(docs, workload) <= 1) continue;
      expect({ workload: workload.metadata.name, variable, from: envOf(containersOf(workload)[0], variable)?.valueFrom?.fieldRef?.fieldPath }).toEqual({
        workload: workload.metadata.name,
        variable,
        from: 'metadata.name',
      });
    }
  });

  it('keeps the broker and monitor-api at one pod, without an autoscaler', () => {
    for (const workload of workloads(docs).filter((w) => SINGLE_INSTANCE.includes(appOf(w)))) {
      expect(workload.spec.replicas).toBe(1);
      expect(maxReplicas(docs, workload)).toBe(1);
      // A rolling update would run the old and the new sweeper side by side.
      if (workload.kind === 'Deployment') expect(workload.spec.strategy?.type).toBe('Recreate');
    }
  });

  it('scales the services that gain from it with an autoscaler on a Deployment of the same render', () => {
    const hpas = docs.filter((d) => d.kind === 'HorizontalPodAutoscaler');
    const scaled = workloads(docs).filter((w) => AUTOSCALED.includes(appOf(w)));
    expect(hpas.length).toBe(scaled.length);
    for (const workload of scaled) {
      const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === workload.metadata.name);
      expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: workload.metadata.name });
      expect(workload.kind).toBe('Deployment');
      expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(hpa?.spec.maxReplicas).toBeGreaterThan(hpa?.spec.minReplicas);
      if (env === 'prod') expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(2);
      // The autoscaler owns the replica count: a count in the manifest would be reset at every sync.
      expect(workload.spec.replicas).toBeUndefined();
      // Utilization targets are relative to requests.
      for (const metric of hpa?.spec.metrics ?? []) {
        expect(containersOf(workload)[0].resources.requests[metric.resource.name]).toBeDefined();
      }
    }
  });

  it('pins a workload to a node pool only with a matching toleration, and never on a laptop', () => {
    for (const owner of podOwners(docs)) {
      const pod = owner.spec.template.spec;
      if (env === 'dev') {
        expect(pod.nodeSelector).toBeUndefined();
        continue;
      }
      for (const [key, value] of Object.entries((pod.nodeSelector ?? {}) as Record<string, string>)) {
        if (key === 'domain') expect(value).toBe(owner.metadata.labels?.domain);
        expect(pod.tolerations ?? []).toContainEqual(expect.objectContaining({ key, value, effect: 'NoSchedule' }));
      }
    }
  });

  it('gives every object the sync wave of its part: infrastructure, migrations, broker, services', () => {
    const expected = (doc: Doc) => {
      const part = doc.metadata.labels?.app;
      if (part === 'redis' || part === 'postgres') return '0';
      if (part === 'db-migrations') return '1';
      if (part === 'broker') return '2';
      return '3';
    };
    for (const doc of docs) expect({ kind: doc.kind, name: doc.metadata.name, wave: doc.metadata.annotations?.[WAVE] }).toEqual({ kind: doc.kind, name: doc.metadata.name, wave: expected(doc) });
  });

  if (app === 'db-migrations') {
    it('runs the migrations as a tracked Job (a hook never goes OutOfSync) that ArgoCD recreates for a new image', () => {
      const [job] = docs.filter((d) => d.kind === 'Job');
      expect(job.metadata.annotations?.['argocd.argoproj.io/hook']).toBeUndefined();
      expect(job.metadata.annotations?.['argocd.argoproj.io/sync-options']?.split(',')).toEqual(expect.arrayContaining(['Force=true', 'Replace=true']));
      expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    });
  }

  if (env === 'prod') {
    it('holds no credentials: secrets and connection strings come from Secrets the operator creates', () => {
      expect(docs.filter((d) => d.kind === 'Secret')).toEqual([]);
      const secretName = /PASSWORD|SECRET|TOKEN|_URL$|KEY$/;
      for (const configMap of docs.filter((d) => d.kind === 'ConfigMap')) {
        for (const [key, value] of Object.entries(configMap.data ?? {})) {
          expect({ key, secretName: secretName.test(key) }).toEqual({ key, secretName: false });
          expect(value).not.toMatch(/:\/\/[^/\s]*:[^/\s]*@/);
        }
      }
      for (const owner of podOwners(docs)) {
        for (const container of allContainersOf(owner)) {
          for (const variable of (container.env ?? []).filter((e) => secretName.test(e.name))) {
            expect({ variable: variable.name, value: variable.value, secret: variable.valueFrom?.secretKeyRef?.name }).toEqual({ variable: variable.name, value: undefined, secret: expect.any(String) });
          }
        }
      }
    });

    it('runs no Redis or Postgres of its own, and reaches the managed Redis through its Sentinels', () => {
      for (const owner of podOwners(docs)) for (const container of allContainersOf(owner)) expect(container.image).not.toMatch(/(^|\/)(redis|postgres):/);
      for (const owner of ours(docs)) {
        const container = containersOf(owner)[0];
        if (!resolvedEnv(docs, container, 'REDIS_URL')) continue;
        for (const name of ['REDIS_SENTINELS', 'REDIS_SENTINEL_NAME']) {
          const variable = resolvedEnv(docs, container, name);
          expect({ workload: owner.metadata.name, name, from: variable?.valueFrom?.configMapKeyRef?.name ?? variable?.valueFrom?.secretKeyRef?.name }).toEqual({
            workload: owner.metadata.name,
            name,
            from: expect.any(String),
          });
        }
      }
    });
  }

  if (app === 'broker') {
    it('runs the broker as a StatefulSet whose headless Service gives each pod the DNS name it advertises', () => {
      const [statefulSet] = docs.filter((d) => d.kind === 'StatefulSet');
      const headless = docs.find((d) => d.kind === 'Service' && d.metadata.name === statefulSet.spec.serviceName);
      expect(headless?.spec.clusterIP).toBe('None');
      const vars = containersOf(statefulSet)[0].env ?? [];
      expect(vars.find((e) => e.name === 'BROKER_ADVERTISED_HOST')?.value).toContain(`.${statefulSet.spec.serviceName}.`);
      expect(statefulSet.spec.volumeClaimTemplates).toHaveLength(1);
    });
  }

  if (app === 'event-router') {
    it(env === 'prod' ? 'never disables SSE authentication in production' : 'disables SSE authentication only where the overlay says so', () => {
      const configMap = docs.find((d) => d.kind === 'ConfigMap');
      expect(configMap?.data?.SSE_AUTH_DISABLED === 'true').toBe(env === 'dev');
    });

    it('caps open streams so that their queued bytes fit in the memory limit', () => {
      const container = containersOf(workloads(docs)[0])[0];
      const connections = Number(resolvedEnv(docs, container, 'SSE_MAX_CONNECTIONS')?.value);
      const buffered = Number(resolvedEnv(docs, container, 'SSE_MAX_BUFFERED_BYTES')?.value);
      expect(connections).toBeGreaterThan(0);
      expect(connections * buffered).toBeLessThan(bytesOf(container.resources.limits.memory) / 2);
    });
  }

  if (app === 'monitor-api' || app === 'pipeline-trigger') {
    it(env === 'prod' ? 'never disables API authentication in production, and will not start without its secret' : 'disables API authentication only where the overlay says so', () => {
      const [configMap] = envConfigMaps(docs);
      const container = containersOf(workloads(docs)[0])[0];
      const vars = container.env ?? [];
      expect(configMap?.data?.API_AUTH_DISABLED === 'true').toBe(env === 'dev');
      expect(vars.find((v) => v.name === 'API_AUTH_DISABLED')).toBeUndefined();
      const secret = vars.find((v) => v.name === 'API_JWT_SECRET')?.valueFrom?.secretKeyRef;
      expect(secret?.name).toBe(`${app}-auth`);
      if (env === 'prod') expect(secret?.optional).toBe(false);
    });
  }
});

/** The whole environment as `kubectl apply -k k8s/stack/overlays/<env>` installs it. */
describe.each(stackOverlays)('k8s environment $env', ({ env, dir }) => {
  const docs = render(dir);
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it('holds every part that ArgoCD syncs for the environment', () => {
    const parts = appOverlays.filter((o) => o.env === env);
    const names = new Set(docs.map((d) => `${d.kind}/${d.metadata.name}`));
    for (const part of parts) for (const doc of render(part.dir)) expect(names).toContain(`${doc.kind}/${doc.metadata.name}`);
  });

  it('finds every ConfigMap and required Secret a pod names: in the render, or, for Secrets in prod, in the README', () => {
    for (const owner of podOwners(docs)) {
      for (const container of allContainersOf(owner)) {
        const refs = [
          ...(container.envFrom ?? []).flatMap((s) => (s.configMapRef ? [{ kind: 'ConfigMap', ...s.configMapRef }] : s.secretRef ? [{ kind: 'Secret', ...s.secretRef }] : [])),
          ...(container.env ?? []).flatMap((e) =>
            e.valueFrom?.configMapKeyRef ? [{ kind: 'ConfigMap', ...e.valueFrom.configMapKeyRef }] : e.valueFrom?.secretKeyRef ? [{ kind: 'Secret', ...e.valueFrom.secretKeyRef }] : [],
          ),
        ] as { kind: string; name: string; key?: string; optional?: boolean }[];
        for (const ref of refs.filter((r) => !r.optional)) {
          const found = docs.find((d) => d.kind === ref.kind && d.metadata.name === ref.name);
          if (ref.kind === 'Secret' && env === 'prod') {
            expect(found).toBeUndefined();
            expect({ undocumented: [ref.name, ref.key].filter((name) => name && !readme.includes(`\`${name}\``)) }).toEqual({ undocumented: [] });
            continue;
          }
          expect({ ref, found: !!found }).toEqual({ ref, found: true });
          if (ref.key) expect(Object.keys({ ...found?.data, ...found?.stringData })).toContain(ref.key);
        }
      }
    }
  });

  if (env === 'dev') {
    it('runs Redis and Postgres behind the Services the services connect to', () => {
      const services = docs.filter((d) => d.kind === 'Service');
      const images = podOwners(docs).flatMap((o) => allContainersOf(o).map((c) => c.image));
      expect(images).toContainEqual(expect.stringMatching(/^redis:/));
      expect(images).toContainEqual(expect.stringMatching(/^postgres:/));
      const addresses: string[] = [];
      for (const owner of ours(docs)) {
        for (const container of allContainersOf(owner)) {
          for (const name of ['REDIS_URL', 'DATABASE_URL', 'KAFKA_BROKERS']) {
            const variable = resolvedEnv(docs, container, name);
            let value = variable?.value;
            const secretRef = variable?.valueFrom?.secretKeyRef;
            if (secretRef) {
              const secret = docs.find((d) => d.kind === 'Secret' && d.metadata.name === secretRef.name);
              value = secret?.stringData?.[secretRef.key] ?? (secret?.data?.[secretRef.key] !== undefined ? Buffer.from(secret.data[secretRef.key], 'base64').toString() : undefined);
            }
            if (value === undefined) continue;
            addresses.push(...(name === 'KAFKA_BROKERS' ? value.split(',') : [new URL(value).host]));
          }
        }
      }
      expect(addresses.length).toBeGreaterThan(0);
      for (const address of new Set(addresses)) {
        const [host, port] = address.split(':');
        const service = services.find((s) => s.metadata.name === host);
        expect({ address, ports: service?.spec.ports.map((p: { port: number }) => p.port) }).toEqual({ address, ports: expect.arrayContaining([Number(port)]) });
      }
    });
  }
});

describe('ArgoCD', () => {
  const files = ['argocd/root.yaml', ...readdirSync(path.join(root, 'argocd/projects')).map((f) => `argocd/projects/${f}`), ...readdirSync(path.join(root, 'argocd/applicationsets')).map((f) => `argocd/applicationsets/${f}`)];
  const read = (file: string) => parseAllDocuments(readFileSync(path.join(root, file), 'utf8'))[0].toJSON() as Doc;
  const appSet = read('argocd/applicationsets/streaming-platform.yaml');

  it('defines Applications, ApplicationSets and AppProjects that pass the ArgoCD schemas', () => {
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(path.join(root, file), 'utf8')).map((d) => d.toJSON() as Doc)) validate(doc);
    }
  });

  it('generates one Application per overlay folder, into a namespace the project allows', () => {
    const project = read('argocd/projects/streaming-platform.yaml');
    expect(appSet.spec.generators[0].git.directories).toEqual([{ path: 'k8s/apps/*/overlays/*' }]);
    const allowed = project.spec.destinations.map((d: { namespace: string }) => d.namespace);
    for (const env of environments) expect(allowed).toContain(`streaming-${env}`);
    for (const env of environments) expect(apps.filter((app) => existsSync(path.join(root, 'k8s/apps', app, 'overlays', env)))).toEqual(apps);
  });

  it('syncs the Applications in steps that follow the sync waves of what they hold', () => {
    expect(appSet.spec.strategy.type).toBe('RollingSync');
    const label = appSet.spec.strategy.rollingSync.steps[0].matchExpressions[0].key;
    expect(appSet.spec.template.metadata.labels[label]).toBe('{{index .path.segments 2}}');
    const stepOf = new Map<string, number>();
    appSet.spec.strategy.rollingSync.steps.forEach((step: { matchExpressions: { key: string; operator: string; values: string[] }[] }, index: number) => {
      expect(step.matchExpressions).toEqual([{ key: label, operator: 'In', values: expect.any(Array) }]);
      for (const app of step.matchExpressions[0].values) {
        expect(stepOf.has(app)).toBe(false);
        stepOf.set(app, index);
      }
    });
    // An Application in no step is never synced by RollingSync.
    expect([...stepOf.keys()].sort()).toEqual([...apps].sort());
    const waveOf = (app: string) => {
      const waves = new Set(appOverlays.filter((o) => o.app === app).flatMap((o) => render(o.dir).map((d) => Number(d.metadata.annotations?.[WAVE]))));
      expect(waves.size).toBe(1);
      return [...waves][0];
    };
    for (const a of apps) {
      for (const b of apps) {
        if (waveOf(a) < waveOf(b)) expect({ a, b, before: (stepOf.get(a) ?? -1) < (stepOf.get(b) ?? -1) }).toEqual({ a, b, before: true });
        if (waveOf(a) === waveOf(b)) expect({ a, b, same: stepOf.get(a) === stepOf.get(b) }).toEqual({ a, b, same: true });
      }
    }
  });
});

/** The Dockerfile, read offline (the machines here have no Docker engine): what its final stage holds and runs. */
describe('Dockerfile', () => {
  const final = finalStage(dockerStages);

  it('names its image as the build command of the README and the overlays do', () => {
    expect(ourRepository).toBeDefined();
    expect(path.posix.basename(ourRepository ?? '')).toBe(labelsOf(image.chain)['org.opencontainers.image.title']);
    expect(`${ourRepository}:0`).toMatch(OUR_IMAGE);
  });

  it('builds every app and ships its whole output folder, with the files it reads beside main.js', () => {
    const apps = readdirSync(path.join(root, 'apps')).filter((a) => buildOutputs[a]);
    expect(apps.length).toBeGreaterThan(0);
    for (const app of apps) {
      const webpack = readFileSync(path.join(root, 'apps', app, 'webpack.config.js'), 'utf8');
      const files = ['main.js', ...(/CopyRedisStreamsLuaPlugin/.test(webpack) ? ['lua/any.lua'] : []), ...(/dashboard\//.test(webpack) ? ['dashboard/index.html'] : [])];
      for (const file of files) expect({ app, file, problems: image.pathProblems(path.posix.join(image.workdir, 'dist/apps', app, file)) }).toEqual({ app, file, problems: [] });
    }
  });

  it('has production packages only in its final stage, chart.js (read from node_modules by monitor-api) among them', () => {
    expect(image.installProblems()).toEqual([]);
    expect(image.pathProblems(path.posix.join(image.workdir, 'node_modules/chart.js/dist/chart.umd.js'))).toEqual([]);
    expect(imageEnvOf(image.chain).NODE_ENV).toBe('production');
  });

  it('installs with the package.json of every workspace in place, as the lock expects', () => {
    const install = dockerStages.find((stage) => stage.instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b(?!.*--omit)/.test(i.args)));
    expect(install).toBeDefined();
    if (!install) return;
    // The install stage as it stands when `npm ci` runs: what it has by then is what npm sees.
    const untilInstall = { ...install, instructions: install.instructions.slice(0, install.instructions.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args))) };
    const checks = imageChecks({ ...workspace, stages: [...dockerStages.slice(0, dockerStages.indexOf(install)), untilInstall] });
    const manifests = (readJson('package.json').workspaces as string[]).flatMap((glob) => {
      const folder = glob.replace(/\/\*$/, '');
      return readdirSync(path.join(root, folder)).filter((name) => existsSync(path.join(root, folder, name, 'package.json'))).map((name) => `${folder}/${name}/package.json`);
    });
    for (const file of ['package.json', 'package-lock.json', ...manifests]) expect({ file, problems: checks.pathProblems(path.posix.join(checks.workdir, file)) }).toEqual({ file, problems: [] });
  });

  it('starts no app by default: a container that names no command stops with a message', () => {
    const cmd = final.instructions.filter((i) => i.keyword === 'CMD').pop();
    const target = commandTarget(wordsOf(cmd?.args ?? '[]'), image.workdir);
    expect(target).toEqual({ kind: 'inline', code: expect.stringMatching(/console\.error\(.*process\.exit\([1-9]\d*\)/) });
  });
});
