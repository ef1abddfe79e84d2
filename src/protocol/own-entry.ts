/**
 * Sets `key` as an own, enumerable property even when it is `__proto__`: plain assignment of that
 * key would replace the object's prototype instead, so a client's map key `__proto__` would
 * vanish or make other members appear inherited. JSON.parse already behaves this way.
 */
export function setOwnEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
