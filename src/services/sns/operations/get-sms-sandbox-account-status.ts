import type { SnsOperation } from './types.js';

/** wharf's accounts are in the SMS sandbox, as new AWS accounts are. */
export const getSmsSandboxAccountStatus: SnsOperation<'GetSMSSandboxAccountStatus'> = () => ({ IsInSandbox: true });
