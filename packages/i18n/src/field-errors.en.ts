/**
 * Form errors built from core's field issues (decision record 025): "<field label>: <what to do>".
 * Every field error names the field and says what to do. English.
 */
export const fieldErrorsEn = {
  'field-errors.format': '{label}: {problem}',
  // What to do, by the issue code core sends with each field (details.fields[].code).
  'field-errors.code.required': 'fill this in',
  'field-errors.code.choose_one': 'choose at least one',
  'field-errors.code.too_small': 'enter at least {min, plural, one {# character} other {# characters}}',
  'field-errors.code.too_big': 'keep it to {max, plural, one {# character} other {# characters}} or fewer',
  'field-errors.code.too_many': 'choose at most {max}',
  'field-errors.code.in_the_past': 'must not be in the past',
  'field-errors.code.file_required': 'attach at least one file',
  'field-errors.code.invalid_date': 'enter a valid date such as 2026-01-31',
  'field-errors.code.invalid': 'this value is not valid; check it and try again',
  // Labels of fields whose page does not pass its own (keyed by the field's path without row numbers).
  'field-errors.label.serviceCategories': 'Service categories applied for',
  'field-errors.label.items.dueDate': 'Due date (item {n})',
  'field-errors.label.items.description': 'What must be rectified (item {n})',
  'field-errors.label.items': 'Rectification items',
  'field-errors.label.dueDate': 'Due date',
  'field-errors.label.evidence': 'Evidence',
  'field-errors.label.comments': 'Comments',
  'field-errors.label.decision': 'Decision',
  'field-errors.label.reason': 'Reason',
};
