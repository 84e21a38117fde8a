import { BaseRpcContext } from '@nestjs/microservices';

type RedisStreamsContextArgs = [stream: string, group: string, consumer: string, pattern: string];

/** What a handler learns about the delivery besides the entries: where they came from and who read them. */
export class RedisStreamsContext extends BaseRpcContext<RedisStreamsContextArgs> {
  getStream(): string {
    return this.args[0];
  }

  getGroup(): string {
    return this.args[1];
  }

  getConsumer(): string {
    return this.args[2];
  }

  getPattern(): string {
    return this.args[3];
  }
}
