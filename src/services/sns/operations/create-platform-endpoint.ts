import type { SnsOperation } from './types.js';

export const createPlatformEndpoint: SnsOperation<'CreatePlatformEndpoint'> = ({ mobile }, input) => {
  const attributes = { ...(input.CustomUserData !== undefined ? { CustomUserData: input.CustomUserData } : {}), ...input.Attributes };
  return { EndpointArn: mobile.createPlatformEndpoint(input.PlatformApplicationArn, input.Token, attributes) };
};
