import net from 'node:net';
import { createDb } from '../src/db/client.js';
const hang = net.createServer(() => {}).listen(0, '127.0.0.1');
await new Promise((r) => hang.on('listening', r));
const port = (hang.address() as net.AddressInfo).port;
for (const url of ['postgresql://postgres@127.0.0.1:1/x', `postgresql://postgres@127.0.0.1:${port}/x`]) {
  const db = await createDb(url, { connectMs: 2000, statementMs: 3000 });
  const t0 = Date.now();
  try { await db.ward.findFirst(); } catch (e: any) {
    console.log(Date.now() - t0, 'ms', e.constructor.name, e.code, e.name, JSON.stringify(e.meta), String(e.message).slice(0, 200));
    let c = e.cause; while (c) { console.log('  cause', c.constructor?.name, c.code, c.kind, String(c.message).slice(0,100)); c = c.cause; }
  }
  await db.$disconnect().catch(() => {});
  if (url.includes(String(port))) break;
}
hang.close(); process.exit(0);
