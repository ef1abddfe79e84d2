import type { SnsOperation } from './types.js';

/** wharf owns no origination numbers. */
export const listOriginationNumbers: SnsOperation<'ListOriginationNumbers'> = () => ({ PhoneNumbers: [] });
