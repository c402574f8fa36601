// An XTA 2 V3 server built by npm soap from the official XTA.wsdl (ManagementPort.createMessageId and
// SendXtaPort.sendMessage), over HTTPS with mutual TLS. Usage: node xta-server.mjs <config.json>
//   config: { specsDir, certPem, keyPem, caPem }
// Prints {"listening": port} once, then one JSON line per call it answered, and runs until stdin closes.
//
// npm soap's server reads SOAP but not MTOM, which XTA.wsdl's policy prescribes for the send port. The front below
// undoes XOP (RFC 2387 multipart/related with xop:Include references, W3C XOP 1.0) into the equivalent inline-base64
// envelope before npm soap sees it; everything SOAP (envelope, WSDL binding, dispatch, body and header parsing,
// answers and faults) is npm soap's own.
import fs from 'node:fs';
import https from 'node:https';
import { createHash, randomUUID } from 'node:crypto';
import soap from 'soap';
import { Addressing, readWsdl, report } from './wsdl.mjs';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const XopInclude = 'http://www.w3.org/2004/08/xop/include';

// --- XOP/MTOM decoding --------------------------------------------------------------------------------------------
function parameters(contentType) {
  const found = {};
  for (const match of contentType.matchAll(/;\s*([\w-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;\s]+)/g)) {
    found[match[1].toLowerCase()] = match[3] !== undefined ? match[3].replace(/\\(.)/g, '$1') : match[2];
  }
  return found;
}

function splitMultipart(body, boundary) {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('multipart body without its boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd);
    if (headerEnd < 0 || next < 0) throw new Error('truncated multipart body');
    const headers = {};
    for (const line of body.subarray(at, headerEnd).toString('latin1').split('\r\n').filter(Boolean)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, content: body.subarray(headerEnd + 4, next) });
    at = next + 2;
  }
  return parts;
}

const contentId = (value) => (value ?? '').replace(/^<|>$/g, '');

function undoXop(body, contentType) {
  const outer = parameters(contentType);
  const parts = splitMultipart(body, outer.boundary);
  const byId = new Map(parts.map((part) => [contentId(part.headers['content-id']), part]));
  const root = outer.start ? byId.get(contentId(outer.start)) : parts[0];
  if (!root) throw new Error('the MTOM root part is missing');
  let inlined = 0;
  const xml = root.content.toString('utf8').replace(/<([\w.-]+:)?Include\b([^>]*)\/>/g, (whole, prefix, attributes) => {
    if (!whole.includes(XopInclude)) return whole;
    const href = /href="cid:([^"]+)"/.exec(attributes)?.[1];
    const part = href && byId.get(decodeURIComponent(href));
    if (!part) throw new Error(`xop:Include points to no part (${href})`);
    inlined++;
    return part.content.toString('base64');
  });
  const action = parameters(`x; ${outer['start-info'] ?? ''}`).action;
  return { xml, action, inlined, parts: parts.length };
}

// --- the service ----------------------------------------------------------------------------------------------------
const text = (node) => (node && typeof node === 'object' ? node.$value ?? '' : node ?? '');
const party = (node) => node && { identifier: text(node.Identifier), type: node.Identifier?.attributes?.type };

function describe(content) {
  const bytes = Buffer.from(text(content), 'base64');
  return {
    contentType: content?.attributes?.contentType,
    filename: content?.attributes?.filename,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    start: bytes.subarray(0, 64).toString('utf8'),
    // The local name of an XML document's root element (after any declaration and comments).
    root: /^\s*(?:<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?([\w.-]+)/.exec(bytes.toString('utf8'))?.[1],
  };
}

const services = {
  XTAService: {
    ManagementPort: {
      createMessageId(args, callback, headers) {
        const messageId = `urn:de:xta:messageid:npm-soap:${randomUUID()}`;
        report({ operation: 'createMessageId', author: party(headers?.Author), messageId });
        return { $value: messageId };
      },
    },
    SendXtaPort: {
      sendMessage(args, callback, headers, req) {
        const meta = headers?.MessageMetaData ?? {};
        const container = args?.ContentContainer ?? {};
        const attachments = container.Attachment === undefined ? [] : [].concat(container.Attachment);
        report({
          operation: 'sendMessage',
          clientCertificate: req.headers['x-client-certificate'],
          mtomPartsInlined: Number(req.headers['x-xop-includes']),
          messageId: text(meta.MsgIdentification?.MessageID),
          author: party(meta.Originators?.Author),
          reader: party(meta.Destinations?.Reader),
          service: text(meta.Qualifier?.Service),
          messageType: text(meta.Qualifier?.MessageType?.code),
          msgSize: Number(text(meta.MsgSize)),
          message: describe(container.Message),
          attachments: attachments.map(describe),
        });
        return {};
      },
    },
    MsgBoxPort: {},
  },
};

const server = https.createServer({
  cert: config.certPem, key: config.keyPem, ca: config.caPem, requestCert: true, rejectUnauthorized: true,
});
// A refused handshake (no or a foreign client certificate) is worth a line on standard error for the test's message.
server.on('tlsClientError', (error) => process.stderr.write(`TLS: ${error.message}\n`));
server.listen(0, '127.0.0.1', async () => {
  const baseUrl = `https://127.0.0.1:${server.address().port}/services/XTAService/`;
  const { uri, xml, wsdl_options } = readWsdl(config.specsDir, baseUrl);
  const soapServer = await new Promise((resolve, reject) => {
    const created = soap.listen(null, {
      path: '/services/XTAService/', services, xml, uri, wsdl_options, forceSoap12Headers: true,
      callback: (error) => (error ? reject(error) : resolve(created)),
    });
  });
  // npm soap finds a method by body element or, failing that, by SOAP action, but fills only the first table;
  // createMessageId has an empty body, so the binding's actions go in the second.
  for (const binding of Object.values(soapServer.wsdl.definitions.bindings)) {
    for (const [name, method] of Object.entries(binding.methods)) {
      if (method.soapAction) binding.topElements[method.soapAction] ??= { methodName: name, outputName: method.output?.$name ?? '' };
    }
  }
  // WS-Addressing 1.0 answer headers: XTA.wsdl gives each answer its request's action.
  soapServer.addSoapHeader((methodName, args, headers) =>
    `<wsa:Action xmlns:wsa="${Addressing}">${text(headers?.Action)}</wsa:Action>`
    + `<wsa:RelatesTo xmlns:wsa="${Addressing}">${text(headers?.MessageID)}</wsa:RelatesTo>`);

  server.on('request', async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? '';
      let xml = body.toString('utf8');
      let action = parameters(contentType).action;
      let inlined = 0;
      if (/^multipart\/related/i.test(contentType)) {
        ({ xml, action, inlined } = undoXop(body, contentType));
      }
      // SOAP 1.2 may carry the action as a media type parameter; WS-Addressing always carries it as wsa:Action,
      // which is where WCF (and XTA.wsdl's policy) puts it.
      action ??= /<(?:[\w.-]+:)?Action\b[^>]*>([^<]+)</.exec(xml)?.[1]?.trim(); // the header comes before the body
      const answer = await soapServer.processRequest(xml, {
        url: req.url,
        headers: {
          'content-type': 'application/soap+xml; charset=utf-8',
          soapaction: action,
          // What the front saw, for the report: the TLS client (already verified against the CA) and the XOP parts.
          'x-client-certificate': req.socket.getPeerCertificate()?.subject?.CN,
          'x-xop-includes': String(inlined),
        },
        connection: { remoteAddress: req.socket.remoteAddress },
      });
      res.writeHead(answer.statusCode, { 'Content-Type': 'application/soap+xml; charset=utf-8' });
      res.end(answer.body);
    } catch (error) {
      report({ error: String(error?.stack ?? error) });
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    }
  });
  report({ listening: server.address().port });
});

process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
