import type { SnsOperation } from './types.js';

export const getEndpointAttributes: SnsOperation<'GetEndpointAttributes'> = ({ mobile }, input) => ({
  Attributes: JSON.parse(mobile.platformEndpoint(input.EndpointArn).attributes_json) as Record<string, string>,
});
