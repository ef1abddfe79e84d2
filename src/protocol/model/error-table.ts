import type { ErrorWireForm } from '../../errors.js';
import type { ServiceModel } from './shapes.js';

/** A common error that AWS documents but no service model lists. */
export interface CommonError {
  code: string;
  httpStatus: number;
  senderFault?: boolean;
  /** The JSON `__type`, when it is not `<errorNamespace>#<code>`. */
  jsonType?: string;
  /** How the JSON/CBOR body names the message (see ErrorWireForm). */
  messageMember?: ErrorWireForm['messageMember'];
}

export type ErrorTable = ReadonlyMap<string, ErrorWireForm>;

/**
 * Builds shape name → wire form from the model's exception shapes (with their overlaid `error`
 * traits) and a service's list of common errors. Unknown codes fall back to a 400 sender fault.
 */
export function buildErrorTable(model: ServiceModel, jsonNamespace: string, common: readonly CommonError[]): ErrorTable {
  const table = new Map<string, ErrorWireForm>();
  for (const c of common) {
    table.set(c.code, {
      queryCode: c.code,
      jsonType: c.jsonType ?? qualified(jsonNamespace, c.code),
      httpStatus: c.httpStatus,
      senderFault: c.senderFault ?? c.httpStatus < 500,
      ...(c.messageMember ? { messageMember: c.messageMember } : {}),
    });
  }
  for (const [name, shape] of Object.entries(model.shapes)) {
    if (!shape.exception) continue;
    const trait = shape.error ?? {};
    table.set(name, {
      queryCode: trait.code ?? name,
      jsonType: qualified(jsonNamespace, name),
      httpStatus: trait.httpStatusCode ?? 400,
      senderFault: trait.senderFault ?? true,
      ...(trait.messageForQuery ? { queryMessage: trait.messageForQuery } : {}),
    });
  }
  return table;
}

export function wireFormOf(table: ErrorTable, code: string, jsonNamespace: string): ErrorWireForm {
  return table.get(code) ?? { queryCode: code, jsonType: qualified(jsonNamespace, code), httpStatus: 400, senderFault: true };
}

/** `namespace#Code`; services whose `__type` is the bare shape name (Kinesis) use an empty namespace. */
function qualified(jsonNamespace: string, code: string): string {
  return jsonNamespace ? `${jsonNamespace}#${code}` : code;
}
