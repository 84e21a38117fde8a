import { Module } from '@nestjs/common';
import { DASHBOARD_ASSETS, DashboardController } from './dashboard.controller';
import { loadDashboardAssets } from './dashboard-assets';

/** The dashboard page at `/`. */
@Module({
  controllers: [DashboardController],
  providers: [{ provide: DASHBOARD_ASSETS, useFactory: () => loadDashboardAssets() }],
})
export class DashboardModule {}
