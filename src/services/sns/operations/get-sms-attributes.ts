import { ownerOf, type SnsOperation } from './types.js';

export const getSmsAttributes: SnsOperation<'GetSMSAttributes'> = ({ mobile }, input, ctx) => {
  const all = mobile.smsAttributes(ownerOf(ctx));
  const wanted = input.attributes;
  return { attributes: wanted && wanted.length > 0 ? Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k))) : all };
};
