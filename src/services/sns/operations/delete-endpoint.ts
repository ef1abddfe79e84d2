import type { SnsOperation } from './types.js';

export const deleteEndpoint: SnsOperation<'DeleteEndpoint'> = ({ mobile }, input) => {
  mobile.deleteEndpoint(input.EndpointArn);
};
