import type { TestProject } from 'vitest/node';
import { startWharf } from 'wharf-emulator/testing';

export default async function setup(project: TestProject) {
  const wharf = await startWharf();
  project.provide('wharfEndpoint', wharf.endpoint);
  return () => wharf.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    wharfEndpoint: string;
  }
}
