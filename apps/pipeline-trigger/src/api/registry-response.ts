import { HttpException, HttpStatus } from '@nestjs/common';
import { invalidConsumerConfigBody } from '../config-model/consumer-config';
import type { RegistryOutcome } from '../registry/consumer-registry';

/** The value of a successful outcome; otherwise the HTTP error the API documents (400 naming fields, 404, 409). */
export function unwrap<T>(outcome: RegistryOutcome<T>, consumerId?: string): T {
  switch (outcome.kind) {
    case 'ok':
      return outcome.value;
    case 'invalid':
      throw new HttpException(invalidConsumerConfigBody(outcome.fields, consumerId), HttpStatus.BAD_REQUEST);
    case 'not-found':
      throw notFound(consumerId ?? '');
    case 'conflict':
      throw new HttpException({ error: 'conflict', message: outcome.message }, HttpStatus.CONFLICT);
  }
}

export function notFound(consumerId: string): HttpException {
  return new HttpException({ error: 'not found', message: `no consumer ${consumerId}` }, HttpStatus.NOT_FOUND);
}
