// The official XTA.wsdl (V3) as npm soap reads it: the file from the standards folder, unmodified but for two things
// every deployment supplies. The ports' addresses (the file says REPLACE_WITH_ACTUAL_URL) and the location of the SOAP
// 1.2 envelope schema, which OSCI2_02.xsd imports as ".xsd" (a defect of the official file; the gateway's own schema
// resolver maps it the same way).
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export const Addressing = 'http://www.w3.org/2005/08/addressing';

export function readWsdl(specsDir, baseUrl) {
  const uri = path.join(specsDir, 'xta2', 'v3', 'XTA.wsdl');
  let xml = fs.readFileSync(uri, 'utf8');
  xml = xml.replace(/(<port name="(\w+)"[^>]*>\s*<soap:address location=")REPLACE_WITH_ACTUAL_URL"/g,
    (_, start, port) => `${start}${baseUrl}${port}"`);
  const wsdl_options = {
    overrideImportLocation: (resolved, parent, location) =>
      location === '.xsd' ? path.join(specsDir, 'xta2', 'v3', 'soap-envelope.xsd') : resolved,
  };
  return { uri, xml, wsdl_options };
}

/** WS-Addressing 1.0 request headers (XTA.wsdl's policy requires them): the action, a fresh message id, the target. */
export function addressingHeaders(action, to) {
  return `<wsa:Action xmlns:wsa="${Addressing}">${action}</wsa:Action>`
    + `<wsa:MessageID xmlns:wsa="${Addressing}">urn:uuid:${randomUUID()}</wsa:MessageID>`
    + `<wsa:To xmlns:wsa="${Addressing}">${to}</wsa:To>`;
}

/** Prints one JSON line for the test that started this process. */
export function report(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}
