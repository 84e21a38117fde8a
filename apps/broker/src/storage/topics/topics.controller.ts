import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { TopicRegistry } from './topic-registry';

export interface TopicSummaryDto {
  name: string;
  topicId: string;
  partitions: number;
  sizeBytes: number;
}

export interface PartitionDto {
  partition: number;
  logStartOffset: number;
  highWatermark: number;
  sizeBytes: number;
  segments: number;
}

export interface TopicDetailDto {
  name: string;
  topicId: string;
  partitions: PartitionDto[];
  configs: Record<string, { value: string; source: string }>;
}

/** Read-only admin view of the broker's topics on the HTTP port. */
@Controller('v1/topics')
export class TopicsController {
  constructor(private readonly topics: TopicRegistry) {}

  @Get()
  list(): { topics: TopicSummaryDto[] } {
    return {
      topics: this.topics.listTopics().map((t) => ({
        name: t.name,
        topicId: t.topicId,
        partitions: t.partitions,
        sizeBytes: this.topics.partitions(t.name).reduce((sum, p) => sum + p.sizeBytes, 0),
      })),
    };
  }

  @Get(':name')
  describe(@Param('name') name: string): TopicDetailDto {
    const topic = this.topics.describeTopic(name);
    if (!topic) throw new NotFoundException({ error: 'topic_not_found', message: `topic "${name}" does not exist` });
    return {
      name: topic.name,
      topicId: topic.topicId,
      partitions: this.topics.partitions(name).map((p) => ({
        partition: p.partition,
        logStartOffset: Number(p.logStartOffset),
        highWatermark: Number(p.highWatermark),
        sizeBytes: p.sizeBytes,
        segments: p.segmentCount,
      })),
      configs: Object.fromEntries(this.topics.describeConfigs(name).map((c) => [c.name, { value: c.value, source: c.source }])),
    };
  }
}
