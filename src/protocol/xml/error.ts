import type { ErrorWireForm } from '../../errors.js';
import type { WireReply } from '../reply.js';
import { escapeXml } from './serialize.js';

/** The query protocol's `<ErrorResponse>` envelope; `<Detail/>` only for services that send it (SQS). */
export function renderXmlError(form: ErrorWireForm, message: string, requestId: string, xmlNamespace: string | undefined, withDetail = true): WireReply {
  const ns = xmlNamespace ? ` xmlns="${xmlNamespace}"` : '';
  const body =
    `<?xml version="1.0"?><ErrorResponse${ns}><Error><Type>${form.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(form.queryCode)}</Code><Message>${escapeXml(form.queryMessage ?? message)}</Message>${withDetail ? '<Detail/>' : ''}</Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: form.httpStatus, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
