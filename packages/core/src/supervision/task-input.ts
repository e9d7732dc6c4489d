import { partnerRegions, supervisionFindingSeverities } from '@outpost/db';
import { z } from 'zod';
import { calendarDate } from '../fields.ts';

const uuidList = z.array(z.uuid('Choose partners from the list.')).max(200).default([]);

/** What a supervision task needs: a scope (partners and/or regions), an owner and a due date. */
export const supervisionTaskInput = z
  .object({
    title: z.string().trim().min(1, 'Give the task a title.').max(200),
    description: z.string().trim().max(5000).default(''),
    partnerIds: uuidList,
    regions: z.array(z.enum(partnerRegions)).max(partnerRegions.length).default([]),
    ownerId: z.uuid('Choose the owner from the list.'),
    dueDate: calendarDate(),
  })
  .refine((t) => t.partnerIds.length > 0 || t.regions.length > 0, {
    message: 'Choose at least one partner or region to inspect.',
    path: ['partnerIds'],
    params: { code: 'scope_required' },
  });

export const supervisionFindingInput = z.object({
  taskId: z.string(),
  partnerId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.uuid().optional()),
  severity: z.enum(supervisionFindingSeverities),
  description: z.string().trim().min(1, 'Describe what was found.').max(5000),
  /** Existing rectification items that track this finding's fix. */
  itemIds: z.array(z.uuid()).max(50).default([]),
});

export const supervisionListFilters = z.object({
  status: z.enum(['open', 'closed', 'overdue', 'all']).catch('open').default('open'),
  ownerId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.uuid().optional().catch(undefined)),
  partnerId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.uuid().optional().catch(undefined)),
  region: z.enum(partnerRegions).optional().catch(undefined),
});
