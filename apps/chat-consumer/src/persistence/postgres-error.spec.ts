import { isRowError, postgresMessage, sqlState } from './postgres-error';

const adapterError = (cause: Record<string, unknown>) => ({ code: 'P2010', clientVersion: '7.10.0', meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });

describe('postgres errors', () => {
  it('reads the SQLSTATE from a Prisma driver-adapter error and from a pg error', () => {
    expect(sqlState(adapterError({ originalCode: '22001', kind: 'LengthMismatch' }))).toBe('22001');
    expect(sqlState(adapterError({ kind: 'postgres', code: '23503' }))).toBe('23503');
    expect(sqlState({ code: '40P01' })).toBe('40P01');
  });

  it('has no SQLSTATE when the server was not reached', () => {
    expect(sqlState(adapterError({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 1 }))).toBeUndefined();
    expect(sqlState(new Error('Connection terminated unexpectedly'))).toBeUndefined();
    expect(sqlState({ code: 'P2010', clientVersion: '7.10.0' })).toBeUndefined();
  });

  it('blames the rows only for data and integrity errors', () => {
    expect(isRowError(adapterError({ originalCode: '22021' }))).toBe(true);
    expect(isRowError(adapterError({ originalCode: '23505' }))).toBe(true);
    expect(isRowError({ code: '40P01' })).toBe(false);
    expect(isRowError({ code: '57P01' })).toBe(false);
    expect(isRowError(new Error('timeout exceeded when trying to connect'))).toBe(false);
  });
});

describe('postgresMessage', () => {
  it('prefers the server message over the invocation text', () => {
    expect(postgresMessage({ message: 'Invalid `prisma.$executeRaw()` invocation: ...', ...adapterError({ originalMessage: 'value too long for type character varying(200)' }) })).toBe(
      'value too long for type character varying(200)',
    );
    expect(postgresMessage(new Error(' connection refused '))).toBe('connection refused');
  });
});
