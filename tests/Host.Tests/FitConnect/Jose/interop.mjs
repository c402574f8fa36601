// An independent JOSE implementation (npm "jose") checking the gateway's FIT-Connect output and signing events for it.
// Reads one JSON request from stdin, writes one JSON answer to stdout.
//   decrypt:  { command, privateKeyPem, metadata, data, attachments: { id: jwe } }
//             -> { headers, problems, hashes } after decrypting everything and comparing every SHA-512 with the metadata
//   decrypt-one: { command, privateKeyPem, jwe } -> { header, length, sha512, tag } for one JWE (the streaming writer's)
//   sign-set: { command, privateKeyPem, kid, payload } -> { token } (PS512, typ secevent+jwt)
import { compactDecrypt, CompactSign, importPKCS8 } from 'jose';
import { createHash } from 'node:crypto';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

const sha512 = (bytes) => createHash('sha512').update(bytes).digest('hex');

async function decrypt() {
  const key = await importPKCS8(input.privateKeyPem, 'RSA-OAEP-256');
  const problems = [];
  const headers = [];
  const open = async (name, jwe) => {
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, key, {
      keyManagementAlgorithms: ['RSA-OAEP-256'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    headers.push({ name, ...protectedHeader });
    if (protectedHeader.zip !== undefined) problems.push(`${name}: zip is set`);
    if (!protectedHeader.kid) problems.push(`${name}: no kid`);
    if (!protectedHeader.cty) problems.push(`${name}: no cty`);
    return plaintext;
  };
  const metadata = JSON.parse(new TextDecoder().decode(await open('metadata', input.metadata)));
  const content = metadata.contentStructure;
  const data = await open('data', input.data);
  if (content.data.hash.content !== sha512(data)) problems.push('data: hash mismatch');
  const listed = new Set(content.attachments.map((a) => a.attachmentId));
  for (const [id, jwe] of Object.entries(input.attachments)) {
    const entry = content.attachments.find((a) => a.attachmentId === id);
    const plaintext = await open(`attachment ${id}`, jwe);
    if (!entry) problems.push(`attachment ${id}: not in the metadata`);
    else if (entry.hash.content !== sha512(plaintext)) problems.push(`attachment ${id}: hash mismatch`);
    listed.delete(id);
  }
  for (const id of listed) problems.push(`attachment ${id}: listed but not uploaded`);
  return { headers, problems, hashes: content.attachments.length + 1, schema: metadata.$schema };
}

async function decryptOne() {
  const key = await importPKCS8(input.privateKeyPem, 'RSA-OAEP-256');
  const { plaintext, protectedHeader } = await compactDecrypt(input.jwe, key, {
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  return { header: protectedHeader, length: plaintext.length, sha512: sha512(plaintext), tag: input.jwe.split('.')[4] };
}

async function signSet() {
  const key = await importPKCS8(input.privateKeyPem, 'PS512');
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(input.payload)))
    .setProtectedHeader({ alg: 'PS512', typ: 'secevent+jwt', kid: input.kid })
    .sign(key);
  return { token };
}

const commands = { decrypt, 'decrypt-one': decryptOne, 'sign-set': signSet };
try {
  process.stdout.write(JSON.stringify(await commands[input.command]()));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error) }));
  process.exitCode = 1;
}
