import { describe, expect, it } from 'vitest';
import { auditLabel, hasAuditLabel } from '../src/index.ts';

describe('audit code names', () => {
  it('names an action and an entity type in the reader’s language', () => {
    expect(auditLabel('en', 'action', 'auth.signed_in')).toBe('Signed in');
    expect(auditLabel('zh-CN', 'action', 'auth.signed_in')).toBe('登录');
    expect(auditLabel('en', 'entity', 'api_key')).toBe('API key');
    expect(auditLabel('zh-CN', 'entity', 'allocation_table')).toBe('激励分配表');
  });
  it('shows an unknown code (older entries) as the code itself, never as a message key', () => {
    expect(auditLabel('zh-CN', 'action', 'legacy.thing_done')).toBe('legacy.thing_done');
    expect(auditLabel('en', 'entity', 'old_table')).toBe('old_table');
    expect(hasAuditLabel('en', 'entity', 'old_table')).toBe(false);
    // Not fooled by object keys every object has.
    expect(hasAuditLabel('en', 'action', 'constructor')).toBe(false);
    expect(auditLabel('en', 'action', 'constructor')).toBe('constructor');
  });
});
