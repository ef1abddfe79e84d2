// Starts fauxqs (an optional devDependency; 2.x needs Node >= 22.5) for the bench:
// in memory, request logging off (as wharf runs with --log-level warn), on the given port.
// Exits when its stdin closes, i.e. when the bench that started it goes away.
import { startFauxqs } from 'fauxqs';

const port = Number(process.argv[2]);
if (!Number.isInteger(port)) throw new Error('usage: node bench/peers/fauxqs.mjs <port>');
await startFauxqs({ port, host: '127.0.0.1', logger: false });
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
