import type { SnsOperation } from './types.js';

export const setPlatformApplicationAttributes: SnsOperation<{ PlatformApplicationArn: string; Attributes: Record<string, string> }> = ({ mobile }, input) => {
  mobile.setPlatformApplicationAttributes(input.PlatformApplicationArn, input.Attributes);
};
