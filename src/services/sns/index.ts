import { buildErrorTable } from '../../protocol/model/error-table.js';
import { readVendoredModel } from '../../protocol/model/load.js';
import { bindHandlers, type ServiceDefinition } from '../../protocol/service.js';
import { snsCommonErrors } from './errors.js';
import { snsInputError } from './input-errors.js';
import { addPermission } from './operations/add-permission.js';
import { checkIfPhoneNumberIsOptedOut } from './operations/check-if-phone-number-is-opted-out.js';
import { confirmSubscription } from './operations/confirm-subscription.js';
import { createPlatformApplication } from './operations/create-platform-application.js';
import { createPlatformEndpoint } from './operations/create-platform-endpoint.js';
import { createSmsSandboxPhoneNumber } from './operations/create-sms-sandbox-phone-number.js';
import { createTopic } from './operations/create-topic.js';
import { deleteEndpoint } from './operations/delete-endpoint.js';
import { deletePlatformApplication } from './operations/delete-platform-application.js';
import { deleteSmsSandboxPhoneNumber } from './operations/delete-sms-sandbox-phone-number.js';
import { deleteTopic } from './operations/delete-topic.js';
import { getDataProtectionPolicy } from './operations/get-data-protection-policy.js';
import { getEndpointAttributes } from './operations/get-endpoint-attributes.js';
import { getPlatformApplicationAttributes } from './operations/get-platform-application-attributes.js';
import { getSmsAttributes } from './operations/get-sms-attributes.js';
import { getSmsSandboxAccountStatus } from './operations/get-sms-sandbox-account-status.js';
import { getSubscriptionAttributes } from './operations/get-subscription-attributes.js';
import { getTopicAttributes } from './operations/get-topic-attributes.js';
import { listEndpointsByPlatformApplication } from './operations/list-endpoints-by-platform-application.js';
import { listOriginationNumbers } from './operations/list-origination-numbers.js';
import { listPhoneNumbersOptedOut } from './operations/list-phone-numbers-opted-out.js';
import { listPlatformApplications } from './operations/list-platform-applications.js';
import { listSmsSandboxPhoneNumbers } from './operations/list-sms-sandbox-phone-numbers.js';
import { listSubscriptions } from './operations/list-subscriptions.js';
import { listSubscriptionsByTopic } from './operations/list-subscriptions-by-topic.js';
import { listTagsForResource } from './operations/list-tags-for-resource.js';
import { listTopics } from './operations/list-topics.js';
import { optInPhoneNumber } from './operations/opt-in-phone-number.js';
import { publish } from './operations/publish.js';
import { publishBatch } from './operations/publish-batch.js';
import { putDataProtectionPolicy } from './operations/put-data-protection-policy.js';
import { removePermission } from './operations/remove-permission.js';
import { setEndpointAttributes } from './operations/set-endpoint-attributes.js';
import { setPlatformApplicationAttributes } from './operations/set-platform-application-attributes.js';
import { setSmsAttributes } from './operations/set-sms-attributes.js';
import { setSubscriptionAttributes } from './operations/set-subscription-attributes.js';
import { setTopicAttributes } from './operations/set-topic-attributes.js';
import { subscribe } from './operations/subscribe.js';
import { tagResource } from './operations/tag-resource.js';
import { unsubscribe } from './operations/unsubscribe.js';
import { untagResource } from './operations/untag-resource.js';
import { verifySmsSandboxPhoneNumber } from './operations/verify-sms-sandbox-phone-number.js';
import type { SnsEngines, SnsOperationTable } from './operations/types.js';

/** The SNS model: a complete query model, error codes included. */
export const snsModel = readVendoredModel('sns-2010-03-31.json');
const JSON_ERROR_NAMESPACE = 'com.amazonaws.sns';
const snsErrorTable = buildErrorTable(snsModel, JSON_ERROR_NAMESPACE, snsCommonErrors);

/** Every SNS operation, by its AWS name. */
const operations: SnsOperationTable = {
  AddPermission: addPermission,
  CheckIfPhoneNumberIsOptedOut: checkIfPhoneNumberIsOptedOut,
  ConfirmSubscription: confirmSubscription,
  CreatePlatformApplication: createPlatformApplication,
  CreatePlatformEndpoint: createPlatformEndpoint,
  CreateSMSSandboxPhoneNumber: createSmsSandboxPhoneNumber,
  CreateTopic: createTopic,
  DeleteEndpoint: deleteEndpoint,
  DeletePlatformApplication: deletePlatformApplication,
  DeleteSMSSandboxPhoneNumber: deleteSmsSandboxPhoneNumber,
  DeleteTopic: deleteTopic,
  GetDataProtectionPolicy: getDataProtectionPolicy,
  GetEndpointAttributes: getEndpointAttributes,
  GetPlatformApplicationAttributes: getPlatformApplicationAttributes,
  GetSMSAttributes: getSmsAttributes,
  GetSMSSandboxAccountStatus: getSmsSandboxAccountStatus,
  GetSubscriptionAttributes: getSubscriptionAttributes,
  GetTopicAttributes: getTopicAttributes,
  ListEndpointsByPlatformApplication: listEndpointsByPlatformApplication,
  ListOriginationNumbers: listOriginationNumbers,
  ListPhoneNumbersOptedOut: listPhoneNumbersOptedOut,
  ListPlatformApplications: listPlatformApplications,
  ListSMSSandboxPhoneNumbers: listSmsSandboxPhoneNumbers,
  ListSubscriptions: listSubscriptions,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  ListTagsForResource: listTagsForResource,
  ListTopics: listTopics,
  OptInPhoneNumber: optInPhoneNumber,
  Publish: publish,
  PublishBatch: publishBatch,
  PutDataProtectionPolicy: putDataProtectionPolicy,
  RemovePermission: removePermission,
  SetEndpointAttributes: setEndpointAttributes,
  SetPlatformApplicationAttributes: setPlatformApplicationAttributes,
  SetSMSAttributes: setSmsAttributes,
  SetSubscriptionAttributes: setSubscriptionAttributes,
  SetTopicAttributes: setTopicAttributes,
  Subscribe: subscribe,
  TagResource: tagResource,
  UntagResource: untagResource,
  Unsubscribe: unsubscribe,
  VerifySMSSandboxPhoneNumber: verifySmsSandboxPhoneNumber,
};

export function snsService(engines: SnsEngines): ServiceDefinition {
  const handlers = bindHandlers(operations, engines);
  return {
    name: 'sns',
    model: snsModel,
    errors: snsErrorTable,
    jsonErrorNamespace: JSON_ERROR_NAMESPACE,
    queryCompatible: false,
    // SNS's query errors have no <Detail/> (real responses quoted in aws/aws-sdk-net#755, aws-amplify/aws-sdk-ios#646).
    queryErrorDetail: false,
    handlers,
    inputError: snsInputError,
    prepareInput(operation, input) {
      // The SDK sends an empty entry list as a bare `PublishBatchRequestEntries=`, which the
      // query decoder reads as absent; SNS answers EmptyBatchRequest, not a validation error.
      if (operation === 'PublishBatch' && input.PublishBatchRequestEntries === undefined) input.PublishBatchRequestEntries = [];
    },
  };
}
