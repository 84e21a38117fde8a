import { Controller, Get, HttpStatus, Inject, Res, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Response } from 'express';
import { PublicRoute } from '../auth/requires-scope.decorator';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';
import { runReadinessChecks } from './run-readiness-checks';

const CHECK_TIMEOUT_MS = 2_000;

/** Open to probes even where `ApiAuthModule` guards the rest of the API. */
@PublicRoute()
@Controller('health')
export class HealthController {
  private checks: ReadinessCheck[] | undefined;

  constructor(
    @Inject(READINESS_CHECKS) private readonly checkTypes: Type<ReadinessCheck>[],
    private readonly moduleRef: ModuleRef,
    private readonly shutdown: ShutdownState,
  ) {}

  /** The process is up and its event loop answers; no dependency is consulted, so an outage elsewhere never restarts pods. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    if (this.shutdown.isShuttingDown) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'shutting_down', checks: {} });
      return;
    }
    // Checks are providers of whichever module owns the dependency, so they are looked up app-wide.
    this.checks ??= this.checkTypes.map((type) => this.moduleRef.get(type, { strict: false }));
    const report = await runReadinessChecks(this.checks, CHECK_TIMEOUT_MS);
    res
      .status(report.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: report.ready ? 'ok' : 'unavailable', checks: report.checks });
  }
}
