import { isRowError, postgresMessage, sqlState } from './postgres-error';

const serverError = (code: string, message = 'refused') => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('postgres errors', () => {
  it('reads the SQLSTATE of an error the server sent', () => {
    expect(sqlState(serverError('22001'))).toBe('22001');
    expect(sqlState(serverError('40P01'))).toBe('40P01');
  });

  it('has no SQLSTATE when the server was not reached or the connection broke', () => {
    expect(sqlState(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' }))).toBeUndefined();
    expect(sqlState(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(sqlState(new Error('Connection terminated unexpectedly'))).toBeUndefined();
    expect(sqlState(undefined)).toBeUndefined();
  });

  it('blames the rows only for data and integrity errors', () => {
    expect(isRowError(serverError('22021'))).toBe(true);
    expect(isRowError(serverError('23505'))).toBe(true);
    expect(isRowError(serverError('40P01'))).toBe(false);
    expect(isRowError(serverError('57P01'))).toBe(false);
    expect(isRowError(new Error('timeout exceeded when trying to connect'))).toBe(false);
  });
});

describe('postgresMessage', () => {
  it('is the server message, trimmed', () => {
    expect(postgresMessage(serverError('22001', 'value too long for type character varying(200)'))).toBe('value too long for type character varying(200)');
    expect(postgresMessage(new Error(' connection refused '))).toBe('connection refused');
  });
});
