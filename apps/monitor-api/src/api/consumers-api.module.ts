import { Module } from '@nestjs/common';
import { systemClock, type Clock } from '../governance/clock';
import { GOVERNANCE_READ_MODEL, GovernanceReadModel } from '../governance/governance-read-model';
import { API_CLOCK, ConsumersController } from './consumers.controller';
import { ResponseCache } from './response-cache';

/**
 * REST under /api/v1/consumers; reads GOVERNANCE_READ_MODEL, provided globally by the snapshots module. The
 * response cache is shared with the `cachedAnswers` middleware, which sends fresh entries before routing.
 */
@Module({
  controllers: [ConsumersController],
  providers: [
    { provide: API_CLOCK, useValue: systemClock },
    {
      provide: ResponseCache,
      inject: [API_CLOCK, GOVERNANCE_READ_MODEL],
      useFactory: (clock: Clock, model: GovernanceReadModel) => new ResponseCache(clock, (clusterId) => model.latestSweepAt(clusterId)?.getTime() ?? 0),
    },
  ],
})
export class ConsumersApiModule {}
