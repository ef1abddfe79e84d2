import type { SnsOperation } from './types.js';

export const getEndpointAttributes: SnsOperation<{ EndpointArn: string }, { Attributes: Record<string, string> }> = ({ mobile }, input) => ({
  Attributes: JSON.parse(mobile.platformEndpoint(input.EndpointArn).attributes_json) as Record<string, string>,
});
