import type { ErrorWireForm } from '../../errors.js';
import type { WireReply } from '../reply.js';

/**
 * AWS JSON errors: `{"__type": …, "message": …}`. Services that were once query services (SQS)
 * also send `x-amzn-query-error: <query code>;<Sender|Receiver>`, from which SDKs take the code
 * that older code compares against (e.g. `AWS.SimpleQueueService.NonExistentQueue`).
 */
export function renderJsonError(form: ErrorWireForm, message: string, requestId: string, contentType: string, queryCompatible: boolean): WireReply {
  const headers: Record<string, string> = { 'content-type': contentType, 'x-amzn-requestid': requestId };
  if (queryCompatible) headers['x-amzn-query-error'] = `${form.queryCode};${form.senderFault ? 'Sender' : 'Receiver'}`;
  return { status: form.httpStatus, headers, body: JSON.stringify(errorDocument(form, message)) };
}

/**
 * The error document of JSON and CBOR alike. Kinesis's Coral framework errors differ from its
 * service errors (kinesalite's recordings of AWS, index.js and validations/index.js):
 * `{"__type":"SerializationException","Message":"…"}`, `{"__type":"SerializationException"}` for
 * a missing body, `{"__type":"UnknownOperationException"}`.
 */
export function errorDocument(form: ErrorWireForm, message: string): Record<string, string> {
  switch (form.messageMember ?? 'message') {
    case 'none':
      return { __type: form.jsonType };
    case 'Message':
      return message === '' ? { __type: form.jsonType } : { __type: form.jsonType, Message: message };
    case 'message':
      return { __type: form.jsonType, message };
  }
}
