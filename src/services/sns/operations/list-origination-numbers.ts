import type { SnsOperation } from './types.js';

/** wharf owns no origination numbers. */
export const listOriginationNumbers: SnsOperation<{ NextToken?: string; MaxResults?: number }, { PhoneNumbers: never[] }> = () => ({ PhoneNumbers: [] });
