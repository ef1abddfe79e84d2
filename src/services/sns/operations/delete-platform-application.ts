import type { SnsOperation } from './types.js';

export const deletePlatformApplication: SnsOperation<{ PlatformApplicationArn: string }> = ({ mobile }, input) => {
  mobile.deletePlatformApplication(input.PlatformApplicationArn);
};
