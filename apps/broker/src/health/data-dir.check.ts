import { Inject, Injectable } from '@nestjs/common';
import { access, constants, mkdir } from 'node:fs/promises';
import type { ReadinessCheck } from '@app/platform';

export const BROKER_DATA_DIR = Symbol('BROKER_DATA_DIR');

/** The broker cannot accept a produce request it cannot persist: ready only while its data directory is writable. */
@Injectable()
export class DataDirReadinessCheck implements ReadinessCheck {
  readonly name = 'data_dir';

  constructor(@Inject(BROKER_DATA_DIR) private readonly dataDir: string) {}

  async check(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await access(this.dataDir, constants.W_OK);
  }
}
