/** Opens `count` SSE requests to 127.0.0.1:`port`/`route`/<n>, reports once all answered, and holds them until the parent exits. */
import http from 'node:http';

const [port, route, count] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])];

async function main(): Promise<void> {
  for (let start = 0; start < count; start += 250) {
    const size = Math.min(250, count - start);
    await Promise.all(
      Array.from(
        { length: size },
        (_, k) =>
          new Promise<void>((resolve, reject) => {
            http
              .get({ host: '127.0.0.1', port, path: `/${route}/${start + k}`, agent: false, headers: { Accept: 'text/event-stream' } }, (res) => {
                res.on('data', () => undefined);
                resolve();
              })
              .on('error', reject);
          }),
      ),
    );
  }
  process.send?.('open');
  process.on('disconnect', () => process.exit(0));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
