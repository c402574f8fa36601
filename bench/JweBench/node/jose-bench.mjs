// node jose-bench.mjs <bytes> <iterations>: encrypts a random payload to an RSA-4096 key as a compact JWE
// (RSA-OAEP-256, A256GCM), as the gateway does, and prints one JSON measurement.
import { CompactEncrypt, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const [bytes, iterations] = process.argv.slice(2).map(Number);
const { publicKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096 });
const payload = randomBytes(bytes);
const encrypt = () => new CompactEncrypt(payload)
  .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'bench-kid', cty: 'application/octet-stream' })
  .encrypt(publicKey);
await encrypt(); // warm-up
const start = process.hrtime.bigint();
let length = 0;
for (let i = 0; i < iterations; i++) length += (await encrypt()).length;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const version = createRequire(import.meta.url)('jose/package.json').version;
process.stdout.write(JSON.stringify({
  Implementation: version,
  OpsPerSecond: iterations / seconds,
  MegabytesPerSecond: (bytes * iterations) / 1048576 / seconds,
  PeakRssMegabytes: process.resourceUsage().maxRSS / 1024,
  Length: length,
}));
