import { DynamicModule, Module } from '@nestjs/common';
import { GOVERNANCE_METRICS_OPTIONS, GovernanceGauges } from './governance-gauges';
import type { GovernanceMetricsOptions } from './metrics-env';

/** Governance gauges on the app's /metrics (the registry of `@app/platform`). */
@Module({})
export class GovernanceMetricsModule {
  static forRoot(options: GovernanceMetricsOptions): DynamicModule {
    return {
      module: GovernanceMetricsModule,
      providers: [{ provide: GOVERNANCE_METRICS_OPTIONS, useValue: options }, GovernanceGauges],
    };
  }
}
