import type { SnsOperation } from './types.js';

export const setEndpointAttributes: SnsOperation<{ EndpointArn: string; Attributes: Record<string, string> }> = ({ mobile }, input) => {
  mobile.setEndpointAttributes(input.EndpointArn, input.Attributes);
};
