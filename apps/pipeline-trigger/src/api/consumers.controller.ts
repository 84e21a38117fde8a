import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { RequiresScope } from '@app/platform';
import type { Request } from 'express';
import { ConsumerRegistry } from '../registry/consumer-registry';
import { notFound, unwrap } from './registry-response';
import { requireJsonBody, triggerPage } from './request-checks';

const CONSUMER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** An id that cannot be a consumer's is simply not found (nothing is looked up). */
function consumerId(raw: string): string {
  if (!CONSUMER_ID.test(raw)) throw notFound(raw.slice(0, 128));
  return raw;
}

/**
 * The consumer API. Reads need the read scope, changes the write scope (`@RequiresScope`); the
 * paths are the users' own (`/consumer/info/{id}` from their debug commands).
 */
@Controller()
@RequiresScope('read')
export class ConsumersController {
  constructor(private readonly registry: ConsumerRegistry) {}

  @Get('consumers')
  async list() {
    return { consumers: await this.registry.list() };
  }

  @Get('consumer/info/:consumerId')
  async info(@Param('consumerId') id: string) {
    return unwrap(await this.registry.info(consumerId(id)), id);
  }

  @Get('consumers/:consumerId')
  async get(@Param('consumerId') id: string) {
    return unwrap(await this.registry.info(consumerId(id)), id);
  }

  @Get('consumers/:consumerId/triggers')
  async triggers(@Param('consumerId') id: string, @Query() query: Record<string, unknown>) {
    const page = triggerPage(query);
    return unwrap(await this.registry.triggers(consumerId(id), page), id);
  }

  @Post('consumers')
  @RequiresScope('write')
  async create(@Req() request: Request) {
    return unwrap(await this.registry.create(requireJsonBody(request)));
  }

  @Put('consumers/:consumerId')
  @RequiresScope('write')
  async update(@Param('consumerId') id: string, @Req() request: Request) {
    const body = requireJsonBody(request);
    return unwrap(await this.registry.update(consumerId(id), body), id);
  }

  @Delete('consumers/:consumerId')
  @RequiresScope('write')
  @HttpCode(204)
  async remove(@Param('consumerId') id: string): Promise<void> {
    unwrap(await this.registry.delete(consumerId(id)), id);
  }

  @Post('consumers/:consumerId/pause')
  @RequiresScope('write')
  @HttpCode(200)
  async pause(@Param('consumerId') id: string) {
    return unwrap(await this.registry.setPaused(consumerId(id), true), id);
  }

  @Post('consumers/:consumerId/resume')
  @RequiresScope('write')
  @HttpCode(200)
  async resume(@Param('consumerId') id: string) {
    return unwrap(await this.registry.setPaused(consumerId(id), false), id);
  }
}
