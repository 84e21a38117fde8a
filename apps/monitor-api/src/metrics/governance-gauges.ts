import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { GOVERNANCE_READ_MODEL, GovernanceReadModel } from '../governance/governance-read-model';
import { GOVERNANCE_GAUGES, GovernanceGaugeName, GovernanceSample, governanceSamples, GroupView } from './governance-series';
import type { GovernanceMetricsOptions } from './metrics-env';

export const GOVERNANCE_METRICS_OPTIONS = Symbol('GOVERNANCE_METRICS_OPTIONS');

/**
 * The governance gauges on the app's registry. They are filled at scrape time from the snapshot the
 * collector serves, once per snapshot (the read model says when a new one is served): a scrape between
 * two sweeps only renders what the gauges already hold, since setting tens of thousands of labelled
 * values again is most of a scrape's cost (bench/monitor-api/metrics-live.ts).
 */
@Injectable()
export class GovernanceGauges implements OnModuleDestroy {
  private cached: Map<GovernanceGaugeName, GovernanceSample[]> | undefined;
  /** Bumped with every new snapshot; a gauge holding the samples of the current generation is left as it is. */
  private generation = 0;
  private readonly applied = new Map<GovernanceGaugeName, number>();
  private readonly unsubscribe: () => void;

  constructor(
    @Inject(GOVERNANCE_READ_MODEL) private readonly readModel: GovernanceReadModel,
    @Inject(GOVERNANCE_METRICS_OPTIONS) private readonly options: GovernanceMetricsOptions,
    registry: Registry,
  ) {
    for (const [name, spec] of Object.entries(GOVERNANCE_GAUGES) as [GovernanceGaugeName, (typeof GOVERNANCE_GAUGES)[GovernanceGaugeName]][]) {
      const gauge: Gauge = new Gauge({
        name,
        help: spec.help,
        labelNames: [...spec.labels],
        registers: [registry],
        collect: () => {
          const samples = this.samples();
          if (this.applied.get(name) === this.generation) return;
          gauge.reset();
          for (const sample of samples.get(name) ?? []) gauge.set(sample.labels, sample.value);
          this.applied.set(name, this.generation);
        },
      });
    }
    this.unsubscribe = readModel.onSnapshot(() => {
      this.cached = undefined;
      this.generation++;
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  private samples(): Map<GovernanceGaugeName, GovernanceSample[]> {
    if (this.cached) return this.cached;
    const byName = new Map<GovernanceGaugeName, GovernanceSample[]>();
    for (const sample of governanceSamples(this.groups(), this.options)) {
      const list = byName.get(sample.name);
      if (list) list.push(sample);
      else byName.set(sample.name, [sample]);
    }
    this.cached = byName;
    return byName;
  }

  private *groups(): Generator<GroupView> {
    for (const cluster of this.readModel.clusters()) {
      for (const item of this.readModel.listGroups(cluster.cluster_id) ?? []) {
        const detail = this.readModel.group(cluster.cluster_id, item.group_id);
        if (detail) yield { detail, health: this.readModel.health(cluster.cluster_id, item.group_id) };
      }
    }
  }
}
