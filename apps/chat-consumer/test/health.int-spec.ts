import { startTestService, TestService } from '@app/testing';
import { AppModule } from '../src/app.module';
import { ChatConsumerConfig, chatConsumerEnv, SERVICE_NAME } from '../src/config';

const definition = {
  serviceName: SERVICE_NAME,
  env: chatConsumerEnv,
  module: AppModule.forRoot,
  httpPort: (config: ChatConsumerConfig) => config.HTTP_PORT,
};

describe('chat-consumer health', () => {
  let service: TestService<ChatConsumerConfig>;

  afterEach(async () => {
    await service?.sigterm();
  });

  it('is ready when Redis and Postgres answer', async () => {
    service = await startTestService(definition, { HTTP_PORT: '0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' });
    const res = await fetch(`${service.baseUrl}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { redis: { status: 'up' }, postgres: { status: 'up' } } });
  });
});
