import type { SnsOperation } from './types.js';

export const getPlatformApplicationAttributes: SnsOperation<'GetPlatformApplicationAttributes'> = ({ mobile }, input) => ({
  Attributes: JSON.parse(mobile.platformApplication(input.PlatformApplicationArn).attributes_json) as Record<string, string>,
});
