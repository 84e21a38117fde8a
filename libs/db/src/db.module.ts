import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessCheck } from '@app/platform';
import { createPrismaClient, DbClient } from './create-prisma-client';

export const PRISMA = Symbol('PRISMA');

export const InjectPrisma = () => Inject(PRISMA);

@Injectable()
export class PostgresReadinessCheck implements ReadinessCheck {
  readonly name = 'postgres';

  constructor(@Inject(PRISMA) private readonly prisma: DbClient) {}

  async check(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}

@Injectable()
class PrismaDisconnector implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: DbClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

/** The service's Prisma client, closed on shutdown after the modules that write through it. */
@Global()
@Module({})
export class DbModule {
  static forRoot(options: { databaseUrl: string; poolSize?: number }): DynamicModule {
    return {
      module: DbModule,
      providers: [
        { provide: PRISMA, useFactory: () => createPrismaClient(options.databaseUrl, options.poolSize) },
        PostgresReadinessCheck,
        PrismaDisconnector,
      ],
      exports: [PRISMA, PostgresReadinessCheck],
    };
  }
}
