import { buildErrorTable } from '../../protocol/model/error-table.js';
import { readVendoredModel } from '../../protocol/model/load.js';
import { bindHandlers, type ServiceDefinition } from '../../protocol/service.js';
import { snsCommonErrors } from './errors.js';
import { snsInputError } from './input-errors.js';
import * as mobile from './operations/mobile.js';
import { publish, publishBatch } from './operations/publish.js';
import * as subscriptions from './operations/subscriptions.js';
import * as topics from './operations/topics.js';
import type { SnsEngines, SnsOperation } from './operations/types.js';

/** The SNS model: a complete query model, error codes included. */
export const snsModel = readVendoredModel('sns-2010-03-31.json');
const JSON_ERROR_NAMESPACE = 'com.amazonaws.sns';
const snsErrorTable = buildErrorTable(snsModel, JSON_ERROR_NAMESPACE, snsCommonErrors);

/** Every SNS operation, by its AWS name. */
const operations: Record<string, SnsOperation<never, unknown>> = {
  AddPermission: topics.addPermission,
  CheckIfPhoneNumberIsOptedOut: mobile.checkIfPhoneNumberIsOptedOut,
  ConfirmSubscription: subscriptions.confirmSubscription,
  CreatePlatformApplication: mobile.createPlatformApplication,
  CreatePlatformEndpoint: mobile.createPlatformEndpoint,
  CreateSMSSandboxPhoneNumber: mobile.createSmsSandboxPhoneNumber,
  CreateTopic: topics.createTopic,
  DeleteEndpoint: mobile.deleteEndpoint,
  DeletePlatformApplication: mobile.deletePlatformApplication,
  DeleteSMSSandboxPhoneNumber: mobile.deleteSmsSandboxPhoneNumber,
  DeleteTopic: topics.deleteTopic,
  GetDataProtectionPolicy: topics.getDataProtectionPolicy,
  GetEndpointAttributes: mobile.getEndpointAttributes,
  GetPlatformApplicationAttributes: mobile.getPlatformApplicationAttributes,
  GetSMSAttributes: mobile.getSmsAttributes,
  GetSMSSandboxAccountStatus: mobile.getSmsSandboxAccountStatus,
  GetSubscriptionAttributes: subscriptions.getSubscriptionAttributes,
  GetTopicAttributes: topics.getTopicAttributes,
  ListEndpointsByPlatformApplication: mobile.listEndpointsByPlatformApplication,
  ListOriginationNumbers: mobile.listOriginationNumbers,
  ListPhoneNumbersOptedOut: mobile.listPhoneNumbersOptedOut,
  ListPlatformApplications: mobile.listPlatformApplications,
  ListSMSSandboxPhoneNumbers: mobile.listSmsSandboxPhoneNumbers,
  ListSubscriptions: subscriptions.listSubscriptions,
  ListSubscriptionsByTopic: subscriptions.listSubscriptionsByTopic,
  ListTagsForResource: topics.listTagsForResource,
  ListTopics: topics.listTopics,
  OptInPhoneNumber: mobile.optInPhoneNumber,
  Publish: publish,
  PublishBatch: publishBatch,
  PutDataProtectionPolicy: topics.putDataProtectionPolicy,
  RemovePermission: topics.removePermission,
  SetEndpointAttributes: mobile.setEndpointAttributes,
  SetPlatformApplicationAttributes: mobile.setPlatformApplicationAttributes,
  SetSMSAttributes: mobile.setSmsAttributes,
  SetSubscriptionAttributes: subscriptions.setSubscriptionAttributes,
  SetTopicAttributes: topics.setTopicAttributes,
  Subscribe: subscriptions.subscribe,
  TagResource: topics.tagResource,
  UntagResource: topics.untagResource,
  Unsubscribe: subscriptions.unsubscribe,
  VerifySMSSandboxPhoneNumber: mobile.verifySmsSandboxPhoneNumber,
};

export function snsService(engines: SnsEngines): ServiceDefinition {
  const handlers = bindHandlers(operations, engines);
  return {
    name: 'sns',
    model: snsModel,
    errors: snsErrorTable,
    jsonErrorNamespace: JSON_ERROR_NAMESPACE,
    queryCompatible: false,
    handlers,
    inputError: snsInputError,
    prepareInput(operation, input) {
      // The SDK sends an empty entry list as a bare `PublishBatchRequestEntries=`, which the
      // query decoder reads as absent; SNS answers EmptyBatchRequest, not a validation error.
      if (operation === 'PublishBatch' && input.PublishBatchRequestEntries === undefined) input.PublishBatchRequestEntries = [];
    },
  };
}
