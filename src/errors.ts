/**
 * The one error type every layer throws. `code` is the AWS error shape name as the model knows
 * it (e.g. `QueueDoesNotExist`) or a common AWS error (e.g. `InvalidParameterValue`); the
 * protocol layer looks the code up in the service's error table to render the wire form
 * (query code, HTTP status, fault), so no engine ever formats an error.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** An error whose wire form is fixed regardless of service (routing, framing, body limits). */
export interface ErrorWireForm {
  queryCode: string;
  jsonType: string;
  httpStatus: number;
  senderFault: boolean;
  /** The query protocol sometimes words the same error differently. */
  queryMessage?: string;
  /**
   * How a JSON/CBOR body names the message. Service errors use `message`; Coral's own
   * framework errors in Kinesis use `Message` (SerializationException) or send `__type` alone
   * (UnknownOperationException). An empty message is left out under `Message`.
   */
  messageMember?: 'message' | 'Message' | 'none';
}
