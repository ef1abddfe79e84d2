import type { SnsOperation } from './types.js';

export const deleteEndpoint: SnsOperation<{ EndpointArn: string }> = ({ mobile }, input) => {
  mobile.deleteEndpoint(input.EndpointArn);
};
