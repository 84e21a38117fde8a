import { Module } from '@nestjs/common';
import { systemClock } from '../governance/clock';
import { API_CLOCK, ConsumersController } from './consumers.controller';

/** REST under /api/v1/consumers; reads GOVERNANCE_READ_MODEL, provided globally by the snapshots module. */
@Module({
  controllers: [ConsumersController],
  providers: [{ provide: API_CLOCK, useValue: systemClock }],
})
export class ConsumersApiModule {}
