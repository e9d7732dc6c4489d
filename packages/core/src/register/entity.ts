import { z } from 'zod';
import { leiProblem, leiProblemMessage } from './lei.ts';

/**
 * The insurer's own legal entity, the one keeping the register (decision record 060): DORA's
 * B_01.01 names it and B_02.02/B_06.01 key the arrangements and functions by its LEI; the EBA file
 * names it on every row. Set by administrators under Settings (`register.entity`); null until then.
 */
export const entityTypes = [
  'insurance_undertaking',
  'reinsurance_undertaking',
  'insurance_intermediary',
  'reinsurance_intermediary',
] as const;
export type EntityType = (typeof entityTypes)[number];

/** DORA's wording for each type of financial entity (Regulation (EU) 2022/2554, article 2(1)). */
export const entityTypeLabel: Record<EntityType, string> = {
  insurance_undertaking: 'Insurance undertaking',
  reinsurance_undertaking: 'Reinsurance undertaking',
  insurance_intermediary: 'Insurance intermediary',
  reinsurance_intermediary: 'Reinsurance intermediary',
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Codes ICU names that are not countries (unknown region, EU, eurozone, UN, outlying Oceania). */
const notCountries = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);
function knownCountry(code: string) {
  try {
    return !notCountries.has(code) && regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

const name = z.string().trim().min(1, 'Enter the name.').max(200, 'At most 200 characters.');

export const ourEntitySchema = z.object({
  /** The legal name as registered (Chinese). */
  nameZh: name,
  /** The English name (GLEIF's transliterated or English name); the DORA files use it. */
  nameEn: name,
  lei: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((lei, ctx) => {
      const problem = leiProblem(lei);
      if (problem) ctx.addIssue({ code: 'custom', message: leiProblemMessage[problem], params: { problem } });
    }),
  /** ISO 3166-1 alpha-2, where the entity is authorised. */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter country code (e.g. CN).')
    .refine(knownCountry, 'Unknown country code; use ISO 3166 (e.g. CN, HK).'),
  competentAuthority: z
    .string()
    .trim()
    .min(1, 'Enter the competent authority.')
    .max(200, 'At most 200 characters.'),
  entityType: z.enum(entityTypes, { message: 'Choose the type of entity.' }),
});
export type OurEntity = z.output<typeof ourEntitySchema>;

/** The setting, appended to core's settings (settings.ts). */
export const registerSettingSchemas = {
  'register.entity': ourEntitySchema.nullable().default(null),
} as const;
