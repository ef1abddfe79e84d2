import { buildErrorTable } from '../../protocol/model/error-table.js';
import { applyOverlays, readVendoredModel } from '../../protocol/model/load.js';
import { bindHandlers, type ServiceDefinition } from '../../protocol/service.js';
import type { LambdaEngine } from './engine/lambda-engine.js';
import { lambdaCommonErrors, lambdaErrors } from './errors.js';
import { lambdaInputError } from './input-errors.js';
import {
  createEventSourceMapping,
  deleteEventSourceMapping,
  getEventSourceMapping,
  listEventSourceMappings,
  updateEventSourceMapping,
} from './operations/event-source-mappings.js';
import { listTags, tagResource, untagResource } from './operations/tags.js';
import type { LambdaOperation } from './operations/types.js';

/** The Lambda model (REST-JSON), loaded once; complete as vendored. */
export const lambdaModel = applyOverlays(readVendoredModel('lambda-2015-03-31.json'), []);
/** Lambda's `x-amzn-ErrorType` is the bare shape name (`ResourceNotFoundException`). */
const JSON_ERROR_NAMESPACE = '';
const lambdaErrorTable = buildErrorTable(lambdaModel, JSON_ERROR_NAMESPACE, lambdaCommonErrors);

/** The operations wharf serves: event source mappings and their tags. */
const operations: Record<string, LambdaOperation<never, unknown>> = {
  CreateEventSourceMapping: createEventSourceMapping,
  DeleteEventSourceMapping: deleteEventSourceMapping,
  GetEventSourceMapping: getEventSourceMapping,
  ListEventSourceMappings: listEventSourceMappings,
  ListTags: listTags,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateEventSourceMapping: updateEventSourceMapping,
};

export function lambdaService(engine: LambdaEngine): ServiceDefinition {
  const handlers = bindHandlers(operations, engine);
  return {
    name: 'lambda',
    model: lambdaModel,
    errors: lambdaErrorTable,
    jsonErrorNamespace: JSON_ERROR_NAMESPACE,
    queryCompatible: false,
    handlers,
    inputError: lambdaInputError,
    // Every other Lambda operation is about functions, which wharf does not host: one clear
    // error, before the input is checked (a CreateFunction without a Role is still not served).
    prepareInput(operation) {
      if (!Object.hasOwn(operations, operation)) throw lambdaErrors.notHosted(operation);
    },
  };
}
