import { describe, expect, it } from 'vitest';
import { changedAttributes, changedTags } from '../../src/init/attribute-diff.js';

describe('init file: what differs from an existing resource', () => {
  it('compares JSON documents by content, not by key order or spacing', () => {
    const current = { Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*"}]}' };
    expect(changedAttributes(current, { Policy: '{ "Statement": [{ "Action": "sqs:*", "Effect": "Allow" }], "Version": "2012-10-17" }' })).toEqual({});
    expect(changedAttributes(current, { Policy: '{"Version":"2012-10-17","Statement":[]}' })).toEqual({ Policy: '{"Version":"2012-10-17","Statement":[]}' });
    // List order is content.
    expect(changedAttributes({ FilterPolicy: '{"a":["x","y"]}' }, { FilterPolicy: '{"a":["y","x"]}' })).toEqual({ FilterPolicy: '{"a":["y","x"]}' });
  });

  it('counts an absent attribute as its default, or as empty (what Set…Attributes removes with)', () => {
    expect(changedAttributes({}, { FifoQueue: 'false' }, { FifoQueue: 'false' })).toEqual({});
    expect(changedAttributes({}, { KmsMasterKeyId: '' })).toEqual({});
    expect(changedAttributes({ VisibilityTimeout: '30' }, { VisibilityTimeout: '60', DelaySeconds: '0' })).toEqual({
      VisibilityTimeout: '60',
      DelaySeconds: '0',
    });
  });

  it('adds and changes tags, and never removes one', () => {
    expect(changedTags({ team: 'core', owner: 'api' }, { team: 'platform', tier: '1' })).toEqual({ team: 'platform', tier: '1' });
    expect(changedTags({ team: 'core', owner: 'api' }, { team: 'core' })).toEqual({});
  });
});
