/**
 * Shared, presentational React components. They receive already-translated text
 * (never translation keys) so they stay free of data loading and locale state;
 * styling comes from the portal's stylesheet (class names prefixed "ui-").
 */
export { TextField, type TextFieldProps } from './text-field.tsx';
export { SelectField, type SelectFieldProps } from './select-field.tsx';
export { Alert, type AlertProps } from './alert.tsx';
export { Badge, type BadgeTone } from './badge.tsx';
export { EmptyState } from './empty-state.tsx';
export { Pagination, type PaginationProps } from './pagination.tsx';
export { DescriptionList, type DescriptionItem } from './description-list.tsx';
export { VisuallyHidden } from './visually-hidden.tsx';
