import { Socket, type OnReadOpts } from 'node:net';

/**
 * What every connection reads into, 64 KiB as libuv suggests for a TCP read. One buffer serves them all: libuv reads
 * one socket at a time on this thread and hands each read to its callback before the next, and the callback copies
 * what it keeps, so 10,000 connections cost 64 KiB rather than 640 MB.
 */
const sharedReadBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * Moves a socket that `net.Server` accepted with `pauseOnConnect` onto a new Socket that reads into one reused
 * buffer instead of a fresh 64 KiB buffer per read: under produce load those buffers made V8
 * collect for "external memory pressure" several times a second (14 collections, 6 of them full, per 200 MB).
 * `onChunk` gets each read's bytes and must copy what it keeps before it returns.
 *
 * Node offers `onread` only to a Socket built from a handle, which is how net.Server builds the accepted one; so the
 * handle moves to a new Socket, and the accepted one, left without it, is destroyed when the new one closes, which
 * is when the server stops counting the connection and when its own 'close' fires.
 */
export function readIntoOneBuffer(accepted: Socket, onChunk: (chunk: Buffer) => void): Socket {
  const internals = accepted as unknown as { _handle: unknown };
  const handle = internals._handle;
  internals._handle = null;
  const onread: OnReadOpts = {
    buffer: sharedReadBuffer,
    // true: keep reading; Connection pauses the socket itself when a client sends too much.
    callback: (bytes) => {
      onChunk(sharedReadBuffer.subarray(0, bytes));
      return true;
    },
  };
  const socket = new Socket({ handle, readable: true, writable: true, onread } as ConstructorParameters<typeof Socket>[0]);
  socket.once('close', () => accepted.destroy());
  return socket;
}
