import { AppError } from '@outpost/core';
import { describe, expect, test } from 'vitest';
import { appErrorToForm, orRouteError } from '../app/lib/app-error.server';
import { translateError } from '../app/lib/translate-error';

describe('appErrorToForm', () => {
  test('translates the message key and puts it under the field named in details', () => {
    const error = new AppError('validation_failed', 'The current password is not correct.', {
      messageKey: 'account.currentWrong',
      details: { field: 'currentPassword' },
    });
    expect(appErrorToForm(error, 'zh-CN')).toEqual({
      status: 422,
      errors: { fields: { currentPassword: '当前密码不正确。' } },
    });
  });

  test('fills placeholders from details and uses a form-level message without a field', () => {
    const error = new AppError('too_many_requests', 'Too many', {
      messageKey: 'auth.throttled',
      details: { minutes: 15 },
    });
    expect(appErrorToForm(error, 'en')).toEqual({
      status: 429,
      errors: { form: 'Too many failed attempts. Try again in 15 minutes.' },
    });
  });

  test('never shows a raw key: an unknown one becomes a generic refusal', () => {
    const error = new AppError('conflict', 'x', { messageKey: 'errors.no_such_key' });
    expect(appErrorToForm(error, 'en')?.errors.form).toBe(translateError('en', 'errors.refused'));
  });

  test('field issues with a code read "<label>: <what to do>" under the field and in the banner', () => {
    const error = new AppError('validation_failed', 'Some fields are not valid; see details.', {
      details: {
        fields: [
          { path: 'serviceCategories', message: 'x', code: 'choose_one', min: 1 },
          { path: 'legalName', message: 'x', code: 'too_small', min: 2 },
        ],
      },
    });
    expect(appErrorToForm(error, 'zh-CN', { legalName: '法定名称' })?.errors).toEqual({
      fields: {
        serviceCategories: '申请的服务类别：请至少选择一项',
        legalName: '法定名称：请至少填写 2 个字符',
      },
      form: '申请的服务类别：请至少选择一项；法定名称：请至少填写 2 个字符',
    });
    expect(appErrorToForm(error, 'en', { legalName: 'Legal name' })?.errors.fields).toEqual({
      serviceCategories: 'Service categories applied for: choose at least one',
      legalName: 'Legal name: enter at least 2 characters',
    });
  });

  test('a field with no known label keeps the error’s own translated message', () => {
    const error = new AppError('validation_failed', 'x', {
      messageKey: 'account.currentWrong',
      details: { fields: [{ path: 'mystery', message: 'x', code: 'required' }] },
    });
    expect(appErrorToForm(error, 'zh-CN')?.errors).toEqual({ form: '当前密码不正确。' });
  });

  test('leaves unexpected errors (and 5xx) to the error boundary', () => {
    expect(appErrorToForm(new Error('boom'), 'en')).toBeNull();
    expect(appErrorToForm(new AppError('unavailable', 'db down'), 'en')).toBeNull();
  });
});

describe('orRouteError', () => {
  test('turns an expected domain error into a translatable error response', async () => {
    const thrown = await orRouteError('en', async () => {
      throw new AppError('not_found', 'Partner not found.', { messageKey: 'errors.not_found' });
    }).catch((e: unknown) => e);
    expect(thrown).toMatchObject({
      init: { status: 404 },
      data: { locale: 'en', messageKey: 'errors.not_found' },
    });
  });

  test('lets real bugs through', async () => {
    await expect(orRouteError('en', async () => Promise.reject(new TypeError('bug')))).rejects.toThrow(
      TypeError,
    );
  });
});
