// A Fachverfahren fetching from the gateway's XTA mailbox with a client npm soap builds from the official XTA.wsdl:
// getStatusList, then getMessage for each listed message, then close, over HTTPS with its client certificate.
// Usage: node mailbox-client.mjs <config.json>
//   config: { specsDir, baseUrl (ends in /), certPem, keyPem, caPem, author: { identifier, type } }
// Prints one JSON line with what it got.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import soap from 'soap';
import { addressingHeaders, readWsdl, report } from './wsdl.mjs';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { uri, wsdl_options } = readWsdl(config.specsDir, config.baseUrl);
const client = await soap.createClientAsync(uri, { forceSoap12Headers: true, wsdl_options });
// XTA.wsdl leaves the addresses to the deployment: the mailbox's MsgBoxPort.
client.setEndpoint(`${config.baseUrl}MsgBoxPort`);
client.setSecurity(new soap.ClientSSLSecurity(Buffer.from(config.keyPem), Buffer.from(config.certPem), Buffer.from(config.caPem)));
client.addSoapHeader((method, location, soapAction) => addressingHeaders(soapAction, location));
const msgBox = client.XTAService.MsgBoxPort;
const author = `<oscimeta:Author xmlns:oscimeta="http://www.osci.eu/ws/2014/10/transport"><oscimeta:Identifier type="${config.author.type}">${config.author.identifier}</oscimeta:Identifier></oscimeta:Author>`;

const call = (operation, args, extraHeader) => new Promise((resolve, reject) => {
  const index = extraHeader ? client.addSoapHeader(extraHeader) : -1;
  msgBox[operation](args, (error, result, rawResponse, soapHeader) => {
    if (index >= 0) client.changeSoapHeader(index, '');
    if (error) {
      reject(new Error(`${operation}: ${error.message} ${error.body ?? ''}`));
    } else {
      resolve({ result, soapHeader });
    }
  }, { timeout: 30000 });
});

const text = (node) => (node && typeof node === 'object' ? node.$value ?? '' : node ?? '');
const describe = (content) => {
  const bytes = Buffer.from(text(content), 'base64');
  return {
    contentType: content?.attributes?.contentType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    start: bytes.subarray(0, 64).toString('utf8'),
  };
};

const list = await call('getStatusList', { attributes: { ListForm: 'MessageMetaData', maxListItems: 10 } }, author);
const listed = [].concat(list.result?.MessageMetaData ?? []).map((meta) => text(meta.MsgIdentification?.MessageID));
const fetched = [];
for (const messageId of listed) {
  const got = await call('getMessage', { MsgSelector: { MessageID: messageId } });
  const requestId = got.soapHeader?.MsgBoxResponse?.attributes?.MsgBoxRequestID;
  const container = got.result?.ContentContainer ?? got.result ?? {};
  await call('close', { attributes: { MsgBoxRequestID: requestId }, LastMsgReceived: messageId });
  fetched.push({
    messageId,
    reader: text(got.soapHeader?.MessageMetaData?.Destinations?.Reader?.Identifier),
    message: describe(container.Message),
    attachments: [].concat(container.Attachment ?? []).map(describe),
    closed: true,
  });
}
const after = await call('getStatusList', { attributes: { ListForm: 'MessageMetaData', maxListItems: 10 } }, author);
report({ listed, fetched, emptyAfterClose: after.soapHeader?.MsgBoxResponse?.NoMessageAvailable !== undefined });
