import type { SnsOperation } from './types.js';

export const setPlatformApplicationAttributes: SnsOperation<'SetPlatformApplicationAttributes'> = ({ mobile }, input) => {
  mobile.setPlatformApplicationAttributes(input.PlatformApplicationArn, input.Attributes);
};
