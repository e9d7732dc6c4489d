import { clauseKinds, type ContractClauseText } from '@outpost/db';
import { type Locale, translate } from '@outpost/i18n';
import { isChecked, text } from '../staff/form-values';

interface LibraryClause {
  versionId: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  variables: { name: string }[];
}

type ClauseInput = {
  clauseVersionId: string | null;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  kind?: string;
};

/**
 * The clause part of the edit form: texts as typed, clauses ticked for removal, one clause added
 * from the library and one written for this contract. Returns the whole new clause list for core
 * when anything changed (null otherwise), and what to show again when the form is refused.
 */
export function readClauseEdits(
  form: FormData,
  current: ContractClauseText[],
  library: LibraryClause[],
  locale: Locale,
) {
  const sent = (name: string, fallback: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : fallback;
  };
  const texts = current.map((c, i) => ({
    title: locale === 'en' ? c.titleEn : c.titleZh,
    kind: c.kind as string,
    bodyZh: sent(`clause.${i}.bodyZh`, c.bodyZh),
    bodyEn: sent(`clause.${i}.bodyEn`, c.bodyEn),
  }));
  const removed = new Set(current.flatMap((_, i) => (isChecked(form, `clause.${i}.remove`) ? [i] : [])));
  const edited = texts.some((x, i) => x.bodyZh !== current[i]!.bodyZh || x.bodyEn !== current[i]!.bodyEn);
  const errors: Record<string, string> = {};
  const clauses: ClauseInput[] = current.flatMap((c, i) =>
    removed.has(i)
      ? []
      : [
          {
            clauseVersionId: c.clauseVersionId,
            titleZh: c.titleZh,
            titleEn: c.titleEn,
            bodyZh: texts[i]!.bodyZh,
            bodyEn: texts[i]!.bodyEn,
            ...(c.clauseVersionId ? {} : { kind: c.kind }),
          },
        ],
  );
  // The variables still in the contract: a removed clause's values go with it.
  const variables = new Set(
    current.flatMap((c, i) => (removed.has(i) ? [] : c.variables.map((v) => v.name))),
  );
  let added = 0;
  const fromLibrary = text(form, 'add.library').trim();
  if (fromLibrary) {
    const source = library.find((l) => l.versionId === fromLibrary);
    if (!source) errors['add.library'] = translate(locale, 'errors.contracts.unknown_clause');
    else {
      clauses.push({
        clauseVersionId: source.versionId,
        titleZh: source.titleZh,
        titleEn: source.titleEn,
        bodyZh: source.bodyZh,
        bodyEn: source.bodyEn,
      });
      for (const v of source.variables) variables.add(v.name);
      added++;
    }
  }
  const own = {
    kind: text(form, 'add.kind').trim(),
    titleZh: text(form, 'add.titleZh').trim(),
    titleEn: text(form, 'add.titleEn').trim(),
    bodyZh: text(form, 'add.bodyZh').trim(),
    bodyEn: text(form, 'add.bodyEn').trim(),
  };
  const filled = Object.values(own).filter((v) => v !== '').length;
  if (filled > 0) {
    if (filled < 5 || !(clauseKinds as readonly string[]).includes(own.kind)) {
      errors['add.own'] = translate(locale, 'contracts.clauses.ownIncomplete');
    } else {
      clauses.push({ clauseVersionId: null, ...own });
      added++;
    }
  }
  const structural = removed.size > 0 || added > 0;
  return { texts, errors, clauses: edited || structural ? clauses : null, structural, variables };
}

/** Every clause kind, in the library's order (the "kind of clause" choice). */
export const clauseKindList = (): string[] => [...clauseKinds];
