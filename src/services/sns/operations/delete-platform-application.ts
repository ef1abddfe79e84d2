import type { SnsOperation } from './types.js';

export const deletePlatformApplication: SnsOperation<'DeletePlatformApplication'> = ({ mobile }, input) => {
  mobile.deletePlatformApplication(input.PlatformApplicationArn);
};
