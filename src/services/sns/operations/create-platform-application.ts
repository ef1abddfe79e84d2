import { PLATFORMS } from '../engine/mobile.js';
import { snsErrors } from '../errors.js';
import { ownerOf, type SnsOperation } from './types.js';

const APPLICATION_NAME = /^[A-Za-z0-9_.-]{1,256}$/;

export const createPlatformApplication: SnsOperation<'CreatePlatformApplication'> = ({ mobile }, input, ctx) => {
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
