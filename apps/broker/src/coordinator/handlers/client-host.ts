/** Kafka reports a member's host as Java's InetAddress.toString(), e.g. "/127.0.0.1"; tools expect that form. */
export function clientHostOf(remoteAddress: string): string {
  const address = remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
  return address.startsWith('/') ? address : `/${address}`;
}
