import { describe, expect, it } from 'vitest';
import { demoParamsSchema } from '../../../src/shared/api/demo-params';
import { ApiError } from '../../../src/shared/rpc/errors';
import { checkDemoForm, defaultDemoForm } from '../../../src/renderer/lib/demo-form';
import { errorMessage, fieldErrors } from '../../../src/renderer/lib/errors';
import { checkProjectName } from '../../../src/renderer/lib/project-name';

describe('project name check', () => {
  it('accepts portable names and trims them', () => {
    expect(checkProjectName('  fashion small ')).toEqual({ ok: true, name: 'fashion small' });
  });

  it('explains what is wrong with a bad name', () => {
    expect(checkProjectName('')).toEqual({ ok: false, message: 'Project name is empty' });
    const slash = checkProjectName('a/b');
    expect(slash.ok).toBe(false);
    expect(!slash.ok && slash.message).toMatch(/^Project name may use letters/);
    expect(checkProjectName('x'.repeat(65)).ok).toBe(false);
  });
});

describe('demo form', () => {
  it('starts from the schema defaults', () => {
    const defaults = demoParamsSchema.parse({});
    const form = defaultDemoForm();
    expect(form).toMatchObject({
      ipc: defaults.ipc,
      seed: defaults.seed,
      width: defaults.width,
      trainFull: defaults.trainFull,
    });
    expect(form.epochs).toBeNull();
    expect(form.limitPerClass).toBeNull();
  });

  it('turns valid values into demo params the schema accepts', () => {
    const check = checkDemoForm({
      ...defaultDemoForm(),
      ipc: 2,
      width: 8,
      trainFull: false,
      limitPerClass: 20,
    });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.params).toMatchObject({
      source: { kind: 'sample' },
      ipc: 2,
      width: 8,
      trainFull: false,
      limitPerClass: 20,
    });
    expect('epochs' in check.params).toBe(false);
    expect(demoParamsSchema.safeParse(check.params).success).toBe(true);
  });

  it('reports readable per-field errors', () => {
    const check = checkDemoForm({ ...defaultDemoForm(), ipc: 0, width: 1000, seed: 1.5, batchSize: null });
    expect(check).toEqual({
      ok: false,
      errors: {
        ipc: 'IPC must be at least 1',
        width: 'Must be at most 512',
        seed: 'Must be a whole number',
        batchSize: 'Required',
      },
    });
    const small = checkDemoForm({ ...defaultDemoForm(), width: 2 });
    expect(small).toEqual({ ok: false, errors: { width: 'Must be at least 4' } });
  });

  it('does not require full-data epochs when the baseline is off', () => {
    expect(checkDemoForm({ ...defaultDemoForm(), trainFull: false, fullEpochs: null }).ok).toBe(true);
    expect(checkDemoForm({ ...defaultDemoForm(), trainFull: true, fullEpochs: null }).ok).toBe(false);
  });
});

describe('error messages', () => {
  it('shows the envelope message', () => {
    expect(errorMessage(new ApiError('conflict', 'project "a" already exists'))).toBe(
      'project "a" already exists',
    );
    expect(errorMessage(new ApiError('transport_closed', 'connection closed'))).toMatch(
      /Lost the connection/,
    );
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(42)).toBe('Something went wrong.');
  });

  it('maps bad_request details to form fields', () => {
    const error = new ApiError('bad_request', 'jobs.startDemo: params.ipc: too small', [
      { path: ['params', 'ipc'], message: 'IPC must be at least 1' },
      { path: ['project'], message: 'project name is empty' },
    ]);
    expect(fieldErrors(error)).toEqual({ ipc: 'IPC must be at least 1', project: 'project name is empty' });
    expect(fieldErrors(new ApiError('internal', 'x', [{ path: ['a'], message: 'b' }]))).toEqual({});
  });
});
