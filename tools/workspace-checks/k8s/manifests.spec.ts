import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Application, ApplicationSet, AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(__dirname, '../../..');

// Rendered manifests are checked against their schemas first; the rules below then read them as plain data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string> };
type Validator = new (doc: never) => { validate(): void };

const MODELS: Record<string, Validator> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'argoproj.io/v1alpha1/Application': Application,
  'argoproj.io/v1alpha1/ApplicationSet': ApplicationSet,
  'argoproj.io/v1alpha1/AppProject': AppProject,
};

const overlays = readdirSync(path.join(root, 'k8s/apps')).flatMap((app) =>
  readdirSync(path.join(root, 'k8s/apps', app, 'overlays')).map((env) => ({ app, env, dir: path.join('k8s/apps', app, 'overlays', env) })),
);

const render = (dir: string): Doc[] =>
  parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { cwd: root, encoding: 'utf8' })).map((d) => d.toJSON() as Doc);

const validate = (doc: Doc) => {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind} (${doc.metadata.name}); add one here`);
  new Model(doc as never).validate();
};

const workloads = (docs: Doc[]) => docs.filter((d) => d.kind === 'Deployment' || d.kind === 'StatefulSet');

/** The ConfigMaps containers take variables from (`envFrom`), as opposed to ones mounted as files. */
const envConfigMaps = (docs: Doc[]) => {
  const referenced = new Set<string>();
  for (const workload of workloads(docs)) {
    for (const container of workload.spec.template.spec.containers) {
      for (const source of container.envFrom ?? []) if (source.configMapRef) referenced.add(source.configMapRef.name);
    }
  }
  return docs.filter((d) => d.kind === 'ConfigMap' && referenced.has(d.metadata.name));
};

/** Kubernetes manifests rendered offline with kustomize and checked against the API schemas and our own rules. */
describe.each(overlays)('k8s overlay $app/$env', ({ app, env, dir }) => {
  const docs = render(dir);

  it('renders only documents that pass the Kubernetes schemas, in the environment namespace', () => {
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      validate(doc);
      expect((doc.metadata as { namespace?: string }).namespace).toBe(`streaming-${env}`);
    }
  });

  it('pins images and gives every container probes on the health endpoints, requests and limits', () => {
    for (const workload of workloads(docs)) {
      for (const container of workload.spec.template.spec.containers) {
        expect(container.image).toMatch(/:[\w.-]+$/);
        expect(container.image).not.toMatch(/:latest$/);
        expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
        expect(container.livenessProbe.httpGet.path).toBe('/health/live');
        expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
        expect(container.resources.limits).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
      }
    }
  });

  it('configures services only through the environment variable names of ARCHITECTURE.md and the README', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const names = new Set<string>();
    for (const configMap of envConfigMaps(docs)) Object.keys(configMap.data ?? {}).forEach((name) => names.add(name));
    for (const doc of docs) {
      for (const workload of workloads([doc])) {
        for (const container of workload.spec.template.spec.containers) (container.env ?? []).forEach((e: { name: string }) => names.add(e.name));
      }
    }
    const podFields = new Set(['POD_NAME', 'POD_NAMESPACE']);
    for (const name of names) if (!podFields.has(name)) expect(readme).toContain(`\`${name}\``);
  });

  if (app === 'broker') {
    it('runs the broker as a StatefulSet whose headless Service gives each pod the DNS name it advertises', () => {
      const [statefulSet] = docs.filter((d) => d.kind === 'StatefulSet');
      const headless = docs.find((d) => d.kind === 'Service' && d.metadata.name === statefulSet.spec.serviceName);
      expect(headless?.spec.clusterIP).toBe('None');
      const env = statefulSet.spec.template.spec.containers[0].env as { name: string; value?: string }[];
      expect(env.find((e) => e.name === 'BROKER_ADVERTISED_HOST')?.value).toContain(`.${statefulSet.spec.serviceName}.`);
      expect(statefulSet.spec.volumeClaimTemplates).toHaveLength(1);
    });
  }

  if (app === 'event-router') {
    it(env === 'prod' ? 'never disables SSE authentication in production' : 'disables SSE authentication only where the overlay says so', () => {
      const configMap = docs.find((d) => d.kind === 'ConfigMap');
      expect(configMap?.data?.SSE_AUTH_DISABLED === 'true').toBe(env === 'dev');
    });
  }

  if (app === 'monitor-api' || app === 'pipeline-trigger') {
    it(env === 'prod' ? 'never disables API authentication in production, and will not start without its secret' : 'disables API authentication only where the overlay says so', () => {
      const [configMap] = envConfigMaps(docs);
      const container = workloads(docs)[0].spec.template.spec.containers[0];
      const vars = (container.env ?? []) as { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; optional?: boolean } } }[];
      expect(configMap?.data?.API_AUTH_DISABLED === 'true').toBe(env === 'dev');
      expect(vars.find((v) => v.name === 'API_AUTH_DISABLED')).toBeUndefined();
      const secret = vars.find((v) => v.name === 'API_JWT_SECRET')?.valueFrom?.secretKeyRef;
      expect(secret?.name).toBe(`${app}-auth`);
      if (env === 'prod') expect(secret?.optional).toBe(false);
    });
  }
});

describe('ArgoCD', () => {
  const files = ['argocd/root.yaml', ...readdirSync(path.join(root, 'argocd/projects')).map((f) => `argocd/projects/${f}`), ...readdirSync(path.join(root, 'argocd/applicationsets')).map((f) => `argocd/applicationsets/${f}`)];

  it('defines Applications, ApplicationSets and AppProjects that pass the ArgoCD schemas', () => {
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(path.join(root, file), 'utf8')).map((d) => d.toJSON() as Doc)) validate(doc);
    }
  });

  it('generates one Application per overlay folder, into a namespace the project allows', () => {
    const appSet = parseAllDocuments(readFileSync(path.join(root, 'argocd/applicationsets/streaming-platform.yaml'), 'utf8'))[0].toJSON() as Doc;
    const project = parseAllDocuments(readFileSync(path.join(root, 'argocd/projects/streaming-platform.yaml'), 'utf8'))[0].toJSON() as Doc;
    expect(appSet.spec.generators[0].git.directories).toEqual([{ path: 'k8s/apps/*/overlays/*' }]);
    const allowed = project.spec.destinations.map((d: { namespace: string }) => d.namespace);
    for (const { env } of overlays) expect(allowed).toContain(`streaming-${env}`);
  });
});
