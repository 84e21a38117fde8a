import { Controller, Get, Header, HttpException, HttpStatus, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RequiresScope } from '@app/platform';
import { GOVERNANCE_READ_MODEL, GovernanceReadModel } from '../governance/governance-read-model';
import type { TopicConsumers } from '../governance/model';
import type { Clock } from '../governance/clock';
import { HISTORY_LIMIT, page, PAGE_SIZE, QueryReader } from './query-params';
import { type Refresh, ResponseCache } from './response-cache';
import { CACHE_CONTROL, sendCached } from './cached-answers';

export const API_CLOCK = Symbol('API_CLOCK');
const DEFAULT_HISTORY_MS = 60 * 60_000;

/**
 * The users' consumer-group API under /api/v1/consumers, in their snake_case fields. Every answer comes from the
 * latest snapshot in memory (history from Postgres): no request reaches a cluster. Unknown cluster → 404 naming
 * the known ones, unknown group or topic → 404, bad or unknown parameters → 400 naming each field.
 */
@Controller('api/v1/consumers')
@RequiresScope('read')
export class ConsumersController {
  constructor(
    @Inject(GOVERNANCE_READ_MODEL) private readonly model: GovernanceReadModel,
    @Inject(API_CLOCK) private readonly clock: Clock,
    private readonly cache: ResponseCache,
  ) {}

  /**
   * Sends the cached serialisation of `build()` for this URL and snapshot (404s and 400s are thrown before).
   * `refresh` builds it again from a later snapshot, undefined once the group or topic is gone: the cache then
   * answers this URL after a sweep without routing it through Nest again (`ResponseCache.answer`).
   */
  private send(req: Request, res: Response, clusterId: string, build: () => unknown, refresh: Refresh): void {
    sendCached(req, res, this.cache.get(req.originalUrl, clusterId, build, refresh));
  }

  @Get('clusters')
  @Header('Cache-Control', CACHE_CONTROL)
  clusters(@Query() query: Record<string, unknown>) {
    new QueryReader(query, []).check();
    return { default_cluster_id: this.model.defaultClusterId(), clusters: this.model.clusters() };
  }

  @Get('groups')
  groups(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): void {
    const q = new QueryReader(query, ['cluster_id', 'page', 'page_size']);
    const clusterId = this.cluster(q);
    const p = q.int('page', { default: 1, min: 1, max: 1_000_000 });
    const size = q.int('page_size', { default: PAGE_SIZE.default, min: 1, max: PAGE_SIZE.max });
    q.check();
    const build = () => ({ cluster_id: clusterId, ...page(this.model.listGroups(clusterId) ?? [], p, size) });
    this.send(req, res, clusterId, build, build);
  }

  @Get('groups/:groupId')
  group(@Param('groupId') groupId: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): void {
    const clusterId = this.checkedCluster(query, ['cluster_id']);
    const refresh = () => this.model.group(clusterId, groupId);
    const found = refresh() ?? this.groupNotFound(clusterId, groupId);
    this.send(req, res, clusterId, () => found, refresh);
  }

  @Get('groups/:groupId/health')
  health(@Param('groupId') groupId: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): void {
    const clusterId = this.checkedCluster(query, ['cluster_id']);
    const refresh = () => this.model.health(clusterId, groupId);
    const found = refresh() ?? this.groupNotFound(clusterId, groupId);
    this.send(req, res, clusterId, () => found, refresh);
  }

  @Get('groups/:groupId/history')
  async history(@Param('groupId') groupId: string, @Query() query: Record<string, unknown>) {
    const q = new QueryReader(query, ['cluster_id', 'from', 'to', 'limit']);
    const clusterId = this.cluster(q);
    const to = q.date('to') ?? new Date(this.clock.now());
    const from = q.date('from') ?? new Date(to.getTime() - DEFAULT_HISTORY_MS);
    const limit = q.int('limit', { default: HISTORY_LIMIT.default, min: 1, max: HISTORY_LIMIT.max });
    if (from.getTime() > to.getTime()) q.fail('from', `a time before "to" (${to.toISOString()})`, query.from ?? from.toISOString());
    q.check();
    const points = await this.model.history(clusterId, groupId, from, to, limit);
    // A group deleted since keeps its stored history; only a group neither live nor stored is unknown.
    if (points.length === 0 && !this.model.group(clusterId, groupId)) this.groupNotFound(clusterId, groupId);
    return { cluster_id: clusterId, group_id: groupId, from: from.toISOString(), to: to.toISOString(), points };
  }

  @Get('topics/:topicName/consumers')
  topicConsumers(@Param('topicName') topic: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): void {
    const q = new QueryReader(query, ['cluster_id', 'page', 'page_size']);
    const clusterId = this.cluster(q);
    const p = q.int('page', { default: 1, min: 1, max: 1_000_000 });
    const size = q.int('page_size', { default: PAGE_SIZE.default, min: 1, max: PAGE_SIZE.max });
    q.check();
    const answer = (found: TopicConsumers) => {
      const { items, ...rest } = page(found.groups, p, size);
      return { cluster_id: clusterId, topic, groups: items, ...rest };
    };
    const found = this.model.topicConsumers(clusterId, topic) ?? this.topicNotFound(clusterId, topic);
    this.send(req, res, clusterId, () => answer(found), () => {
      const now = this.model.topicConsumers(clusterId, topic);
      return now && answer(now);
    });
  }

  @Get('topics/:topicName/detail')
  topicDetail(@Param('topicName') topic: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): void {
    const clusterId = this.checkedCluster(query, ['cluster_id']);
    const refresh = () => this.model.topicDetail(clusterId, topic);
    const found = refresh() ?? this.topicNotFound(clusterId, topic);
    this.send(req, res, clusterId, () => found, refresh);
  }

  @Get('alerts')
  alerts(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query, ['cluster_id', 'group_id', 'topic', 'include_resolved']);
    const clusterId = this.cluster(q);
    const includeResolved = q.bool('include_resolved');
    const groupId = typeof query.group_id === 'string' ? query.group_id : undefined;
    const topic = typeof query.topic === 'string' ? query.topic : undefined;
    q.check();
    return { cluster_id: clusterId, alerts: this.model.alerts(clusterId, { groupId, topic, includeResolved }) };
  }

  private checkedCluster(query: Record<string, unknown>, allowed: string[]): string {
    const q = new QueryReader(query, allowed);
    const clusterId = this.cluster(q);
    q.check();
    return clusterId;
  }

  /** The cluster asked for (or the default); a well-formed but unknown id is a 404 listing the known ones. */
  private cluster(q: QueryReader): string {
    const asked = q.clusterId();
    const clusterId = asked ?? this.model.defaultClusterId();
    if (q.issues.length === 0 && !this.model.hasCluster(clusterId)) {
      throw new HttpException(
        { error: 'unknown cluster', cluster_id: clusterId, known_clusters: this.model.clusters().map((c) => c.cluster_id) },
        HttpStatus.NOT_FOUND,
      );
    }
    return clusterId;
  }

  private groupNotFound(clusterId: string, groupId: string): never {
    throw new HttpException({ error: 'unknown consumer group', cluster_id: clusterId, group_id: groupId }, HttpStatus.NOT_FOUND);
  }

  private topicNotFound(clusterId: string, topic: string): never {
    throw new HttpException({ error: 'unknown topic', cluster_id: clusterId, topic }, HttpStatus.NOT_FOUND);
  }
}
