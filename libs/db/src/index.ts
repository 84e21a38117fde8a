export * from './create-prisma-client';
export * from './db.module';
export * from './migrations/read-migrations';
export * from './migrations/apply-migrations';
export * from './migrations/ensure-database';
export { Prisma } from './generated/prisma/client';
