import { encodeTextFrame, FrameBuilder } from './framed-log';
import { OFFSET_COMMITS_TAG, recordText, writeOffsetCommits, type LogOp } from './group-log-records';

/** A frame of binary commits is finished once it is this large (compaction writes millions of offsets). */
const MAX_COMMITS_FRAME_BYTES = 1024 * 1024;

/**
 * The frames of a run of changes, in the order added: consecutive offset commits share one binary frame, every other
 * change is a JSON frame of its own. A frame is applied whole on replay, so commits sharing one are durable together,
 * as they are acknowledged together (one write and fsync per batch).
 */
export class GroupLogFrames {
  private readonly frames: Buffer[] = [];
  private commits: FrameBuilder | null = null;

  add(op: LogOp): void {
    if (op.op !== 'offsets') {
      this.seal();
      this.frames.push(encodeTextFrame(recordText(op)));
      return;
    }
    if (!this.commits) {
      this.commits = new FrameBuilder();
      this.commits.payload.int8(OFFSET_COMMITS_TAG);
    }
    writeOffsetCommits(this.commits.payload, op.groupId, op.offsets);
    if (this.commits.payloadLength >= MAX_COMMITS_FRAME_BYTES) this.seal();
  }

  /** Every frame, the open frame of commits finished. */
  finish(): Buffer[] {
    this.seal();
    return this.frames;
  }

  private seal(): void {
    if (!this.commits) return;
    this.frames.push(this.commits.finish());
    this.commits = null;
  }
}
