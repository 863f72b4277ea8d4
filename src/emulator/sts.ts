/**
 * STS GetCallerIdentity over the awsQuery protocol, which is what @aws-sdk/client-sts 3.1169 and
 * the Terraform AWS provider send: POST / with form body `Action=GetCallerIdentity&Version=2011-06-15`,
 * answered in XML.
 */
import type { ServerResponse } from 'node:http';
import type { ApiError } from './protocol';

export function isStsRequest(method: string, pathname: string, body: string, service: string | undefined): boolean {
  if (pathname !== '/') return false;
  if (service === 'sts') return true;
  return method === 'POST' && /(^|&)Action=/.test(body);
}

export function stsAction(body: string, search: string): string | undefined {
  return new URLSearchParams(body).get('Action') ?? new URLSearchParams(search).get('Action') ?? undefined;
}

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function writeXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': requestId });
  res.end(xml);
}

export function writeCallerIdentity(res: ServerResponse, identity: { account: string; accessKeyId: string }, requestId: string): void {
  const xml =
    '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
    `<Arn>arn:aws:iam::${identity.account}:user/bedrock-pt-emulator</Arn>` +
    `<UserId>${escapeXml(identity.accessKeyId)}</UserId>` +
    `<Account>${identity.account}</Account>` +
    `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  writeXml(res, 200, xml, requestId);
}

/** STS spells some codes differently from Bedrock. */
const STS_CODES: Record<string, string> = {
  ThrottlingException: 'Throttling',
  AccessDeniedException: 'AccessDenied',
  InternalServerException: 'InternalFailure',
};

export function writeStsError(res: ServerResponse, error: ApiError, requestId: string): void {
  const code = STS_CODES[error.type] ?? error.type;
  const xml =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${error.statusCode >= 500 ? 'Receiver' : 'Sender'}</Type>` +
    `<Code>${code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  writeXml(res, error.statusCode, xml, requestId);
}
