import type { SnsOperation } from './types.js';

export const setEndpointAttributes: SnsOperation<'SetEndpointAttributes'> = ({ mobile }, input) => {
  mobile.setEndpointAttributes(input.EndpointArn, input.Attributes);
};
