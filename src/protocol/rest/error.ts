import type { ErrorWireForm } from '../../errors.js';
import type { ServiceModel, StructureShape } from '../model/shapes.js';
import type { WireReply } from '../reply.js';

/**
 * AWS REST-JSON errors, as Lambda sends them: the code in `x-amzn-ErrorType`, and a JSON body
 * with the error shape's own members, `{"Type": "User", "Message": "…"}`. The message member is
 * named as the model names it (Lambda's shapes say `Message` or `message`, one by one).
 */
export function renderRestJsonError(form: ErrorWireForm, message: string, requestId: string, model: ServiceModel | undefined): WireReply {
  const shape = model?.shapes[form.jsonType] as StructureShape | undefined;
  const messageMember = shape?.members && !Object.hasOwn(shape.members, 'message') && Object.hasOwn(shape.members, 'Message') ? 'Message' : 'message';
  const body: Record<string, string> = {};
  if (shape?.members && Object.hasOwn(shape.members, 'Type')) body.Type = form.senderFault ? 'User' : 'Service';
  body[messageMember] = message;
  return {
    status: form.httpStatus,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': form.jsonType },
    body: JSON.stringify(body),
  };
}
