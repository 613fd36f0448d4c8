// The UI string tables (English and French), with their placeholders and plurals. The locale itself is
// chosen in src/core/locale.ts.
export { uiStrings, fill, plural, formatCount } from './ui/index.ts';
export type { UiStrings, PluralForms } from './ui/index.ts';
