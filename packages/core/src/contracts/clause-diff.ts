import { diffWords } from 'diff';

/** One run of a readable diff: kept, added or removed text. */
export interface DiffPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(language: 'zh' | 'en') {
  let s = segmenters.get(language);
  if (!s) {
    s = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, s);
  }
  return s;
}

/**
 * A word-level diff legal can read: Chinese has no spaces, so words come from ICU's segmenter
 * (jsdiff's `intlSegmenter`) rather than whitespace, or a changed sentence would be one red block.
 */
export function textDiff(before: string, after: string, language: 'zh' | 'en'): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter(language) }).map((c) => ({
    op: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

export const changed = (parts: DiffPart[]) => parts.some((p) => p.op !== 'same');
