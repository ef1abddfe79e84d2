import { encodePageToken } from '../../../page-token.js';
import { AwsError } from '../../../errors.js';
import { PLATFORMS } from '../engine/mobile.js';
import { snsErrors } from '../errors.js';
import { pageAfter, ownerOf, PAGE_SIZE, type SnsOperation } from './types.js';

const APPLICATION_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const E164 = /^\+\d{1,15}$/;

export const createPlatformApplication: SnsOperation<{ Name: string; Platform: string; Attributes: Record<string, string> }, { PlatformApplicationArn: string }> = (
  { mobile },
  input,
  ctx,
) => {
  if (!APPLICATION_NAME.test(input.Name)) {
    throw snsErrors.invalidParameter(`${input.Name} Reason: must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'`);
  }
  if (!PLATFORMS.has(input.Platform)) throw snsErrors.invalidParameter(`Platform Reason: ${input.Platform} is not supported`);
  const attributes = input.Attributes;
  if ('PlatformCredential' in attributes && !('PlatformPrincipal' in attributes) && input.Platform.startsWith('APNS')) {
    throw snsErrors.invalidParameter('Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal');
  }
  if ('PlatformPrincipal' in attributes && !('PlatformCredential' in attributes)) {
    throw snsErrors.invalidParameter('Attributes Reason: PlatformPrincipal attribute provided without PlatformCredential');
  }
  return { PlatformApplicationArn: mobile.createPlatformApplication(ownerOf(ctx), input.Name, input.Platform, attributes) };
};

export const getPlatformApplicationAttributes: SnsOperation<{ PlatformApplicationArn: string }, { Attributes: Record<string, string> }> = ({ mobile }, input) => ({
  Attributes: JSON.parse(mobile.platformApplication(input.PlatformApplicationArn).attributes_json) as Record<string, string>,
});

export const setPlatformApplicationAttributes: SnsOperation<{ PlatformApplicationArn: string; Attributes: Record<string, string> }> = ({ mobile }, input) => {
  mobile.setPlatformApplicationAttributes(input.PlatformApplicationArn, input.Attributes);
};

export const deletePlatformApplication: SnsOperation<{ PlatformApplicationArn: string }> = ({ mobile }, input) => {
  mobile.deletePlatformApplication(input.PlatformApplicationArn);
};

export const listPlatformApplications: SnsOperation<{ NextToken?: string }, { PlatformApplications: { PlatformApplicationArn: string; Attributes: Record<string, string> }[]; NextToken?: string }> = (
  { mobile },
  input,
  ctx,
) => {
  const rows = mobile.listPlatformApplications(ownerOf(ctx), pageAfter(input.NextToken), PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  return {
    PlatformApplications: page.map((row) => ({ PlatformApplicationArn: row.arn, Attributes: JSON.parse(row.attributes_json) as Record<string, string> })),
    ...(rows.length > PAGE_SIZE ? { NextToken: encodePageToken({ after: page.at(-1)!.arn }) } : {}),
  };
};

export const createPlatformEndpoint: SnsOperation<{ PlatformApplicationArn: string; Token: string; CustomUserData?: string; Attributes?: Record<string, string> }, { EndpointArn: string }> = (
  { mobile },
  input,
) => {
  const attributes = { ...(input.CustomUserData !== undefined ? { CustomUserData: input.CustomUserData } : {}), ...input.Attributes };
  return { EndpointArn: mobile.createPlatformEndpoint(input.PlatformApplicationArn, input.Token, attributes) };
};

export const getEndpointAttributes: SnsOperation<{ EndpointArn: string }, { Attributes: Record<string, string> }> = ({ mobile }, input) => ({
  Attributes: JSON.parse(mobile.platformEndpoint(input.EndpointArn).attributes_json) as Record<string, string>,
});

export const setEndpointAttributes: SnsOperation<{ EndpointArn: string; Attributes: Record<string, string> }> = ({ mobile }, input) => {
  mobile.setEndpointAttributes(input.EndpointArn, input.Attributes);
};

export const deleteEndpoint: SnsOperation<{ EndpointArn: string }> = ({ mobile }, input) => {
  mobile.deleteEndpoint(input.EndpointArn);
};

export const listEndpointsByPlatformApplication: SnsOperation<{ PlatformApplicationArn: string; NextToken?: string }, { Endpoints: { EndpointArn: string; Attributes: Record<string, string> }[]; NextToken?: string }> = (
  { mobile },
  input,
) => {
  const rows = mobile.listEndpoints(input.PlatformApplicationArn, pageAfter(input.NextToken), PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  return {
    Endpoints: page.map((row) => ({ EndpointArn: row.arn, Attributes: JSON.parse(row.attributes_json) as Record<string, string> })),
    ...(rows.length > PAGE_SIZE ? { NextToken: encodePageToken({ after: page.at(-1)!.arn }) } : {}),
  };
};

// ── SMS ─────────────────────────────────────────────────────────────────────────────────

const SMS_ATTRIBUTES = new Set(['DeliveryStatusIAMRole', 'DeliveryStatusSuccessSamplingRate', 'DefaultSenderID', 'DefaultSMSType', 'UsageReportS3Bucket', 'MonthlySpendLimit']);

export const setSmsAttributes: SnsOperation<{ attributes: Record<string, string> }, object> = ({ mobile }, input, ctx) => {
  for (const [name, value] of Object.entries(input.attributes)) {
    if (!SMS_ATTRIBUTES.has(name)) throw snsErrors.invalidParameter(`${name}`);
    if (name === 'DefaultSMSType' && value !== 'Promotional' && value !== 'Transactional') throw snsErrors.invalidParameter('DefaultSMSType');
  }
  mobile.setSmsAttributes(ownerOf(ctx), input.attributes);
  return {};
};

export const getSmsAttributes: SnsOperation<{ attributes?: string[] }, { attributes: Record<string, string> }> = ({ mobile }, input, ctx) => {
  const all = mobile.smsAttributes(ownerOf(ctx));
  const wanted = input.attributes;
  return { attributes: wanted && wanted.length > 0 ? Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k))) : all };
};

function checkPhone(phoneNumber: string, parameter = 'PhoneNumber'): string {
  if (!E164.test(phoneNumber)) throw snsErrors.invalidParameter(`${parameter}`);
  return phoneNumber;
}

export const checkIfPhoneNumberIsOptedOut: SnsOperation<{ phoneNumber: string }, { isOptedOut: boolean }> = ({ mobile }, input, ctx) => ({
  isOptedOut: mobile.isOptedOut(ownerOf(ctx), checkPhone(input.phoneNumber, 'phoneNumber')),
});

export const optInPhoneNumber: SnsOperation<{ phoneNumber: string }, object> = ({ mobile }, input, ctx) => {
  mobile.optIn(ownerOf(ctx), checkPhone(input.phoneNumber, 'phoneNumber'));
  return {};
};

export const listPhoneNumbersOptedOut: SnsOperation<{ nextToken?: string }, { phoneNumbers: string[]; nextToken?: string }> = ({ mobile }, input, ctx) => {
  const numbers = mobile.optedOut(ownerOf(ctx), pageAfter(input.nextToken), PAGE_SIZE + 1);
  const page = numbers.slice(0, PAGE_SIZE);
  return { phoneNumbers: page, ...(numbers.length > PAGE_SIZE ? { nextToken: encodePageToken({ after: page.at(-1)! }) } : {}) };
};

/** wharf's accounts are in the SMS sandbox, as new AWS accounts are. */
export const getSmsSandboxAccountStatus: SnsOperation<object, { IsInSandbox: boolean }> = () => ({ IsInSandbox: true });

export const createSmsSandboxPhoneNumber: SnsOperation<{ PhoneNumber: string; LanguageCode?: string }, object> = ({ mobile }, input, ctx) => {
  mobile.createSandboxNumber(ownerOf(ctx), checkPhone(input.PhoneNumber));
  return {};
};

export const verifySmsSandboxPhoneNumber: SnsOperation<{ PhoneNumber: string; OneTimePassword: string }, object> = ({ mobile }, input, ctx) => {
  mobile.verifySandboxNumber(ownerOf(ctx), checkPhone(input.PhoneNumber));
  return {};
};

export const deleteSmsSandboxPhoneNumber: SnsOperation<{ PhoneNumber: string }, object> = ({ mobile }, input, ctx) => {
  if (!mobile.deleteSandboxNumber(ownerOf(ctx), checkPhone(input.PhoneNumber))) {
    throw new AwsError('ResourceNotFoundException', 'Phone number does not exist in the sandbox.');
  }
  return {};
};

export const listSmsSandboxPhoneNumbers: SnsOperation<{ NextToken?: string; MaxResults?: number }, { PhoneNumbers: { PhoneNumber: string; Status: string }[]; NextToken?: string }> = (
  { mobile },
  input,
  ctx,
) => {
  const limit = input.MaxResults ?? PAGE_SIZE;
  const rows = mobile.sandboxNumbers(ownerOf(ctx), pageAfter(input.NextToken), limit + 1);
  const page = rows.slice(0, limit);
  return {
    PhoneNumbers: page.map((r) => ({ PhoneNumber: r.phone_number, Status: r.status })),
    ...(rows.length > limit ? { NextToken: encodePageToken({ after: page.at(-1)!.phone_number }) } : {}),
  };
};

/** wharf owns no origination numbers. */
export const listOriginationNumbers: SnsOperation<{ NextToken?: string; MaxResults?: number }, { PhoneNumbers: never[] }> = () => ({ PhoneNumbers: [] });
