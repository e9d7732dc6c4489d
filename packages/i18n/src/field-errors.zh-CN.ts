import type { fieldErrorsEn } from './field-errors.en.ts';

/** 由核心字段问题生成的表单错误：“字段名称：应当如何处理”（简体中文）。 */
export const fieldErrorsZhCN: Record<keyof typeof fieldErrorsEn, string> = {
  'field-errors.format': '{label}：{problem}',
  'field-errors.code.required': '请填写此项',
  'field-errors.code.choose_one': '请至少选择一项',
  'field-errors.code.too_small': '请至少填写 {min} 个字符',
  'field-errors.code.too_big': '请不要超过 {max} 个字符',
  'field-errors.code.too_many': '最多选择 {max} 项',
  'field-errors.code.in_the_past': '不能早于今天',
  'field-errors.code.file_required': '请上传至少一个文件',
  'field-errors.code.invalid_date': '请填写有效日期，例如 2026-01-31',
  'field-errors.code.invalid': '填写的内容无效，请检查后重试',
  'field-errors.label.serviceCategories': '申请的服务类别',
  'field-errors.label.items.dueDate': '截止日期（事项 {n}）',
  'field-errors.label.items.description': '整改内容（事项 {n}）',
  'field-errors.label.items': '整改事项',
  'field-errors.label.dueDate': '截止日期',
  'field-errors.label.evidence': '整改证据',
  'field-errors.label.comments': '评审意见',
  'field-errors.label.decision': '评审结论',
  'field-errors.label.reason': '原因',
};
