import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiAuthModule } from './api-auth.module';
import { signHs256Jwt } from './hmac-jwt';
import { PublicRoute, RequiresScope } from './requires-scope.decorator';

const secret = 'an-api-secret-that-is-long-enough-12345';

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return ['a'];
  }

  @RequiresScope('write')
  @Post()
  create() {
    return { created: true };
  }
}

@PublicRoute()
@Controller('open')
class OpenController {
  @Get()
  get() {
    return { open: true };
  }
}

@Module({
  imports: [ApiAuthModule.forRoot({ config: { disabled: false, jwtSecret: secret, readTokens: [], writeTokens: [] }, scopes: { read: 'svc:read', write: 'svc:write' }, realm: 'svc' })],
  controllers: [ThingsController, OpenController],
})
class TestAppModule {}

describe('ApiAuthModule over HTTP', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(() => app.close());

  const call = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, init);
  const withToken = (scope: string) => ({ headers: { authorization: `Bearer ${signHs256Jwt({ scope }, secret)}` } });

  it('needs read access on a route without a mark, and names the reason in the 401', async () => {
    const refused = await call('/things');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="svc", error="invalid_token"');
    expect(await refused.json()).toMatchObject({ statusCode: 401, message: expect.stringContaining('a token is required') });
    expect((await call('/things', withToken('svc:read'))).status).toBe(200);
  });

  it('answers 403 to a reader on a write route and lets a writer through', async () => {
    const refused = await call('/things', { method: 'POST', ...withToken('svc:read') });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: 'the token lacks the scope svc:write' });
    expect((await call('/things', { method: 'POST', ...withToken('svc:write') })).status).toBe(201);
  });

  it('leaves public routes open', async () => {
    expect((await call('/open')).status).toBe(200);
  });
});
