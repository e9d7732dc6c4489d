import {
  type Database,
  documentReminders,
  documentRequirements,
  documents,
  partnerMemberships,
  partners,
  users,
} from '@outpost/db';
import { and, eq, isNotNull, lte, ne } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notify, queueEmail } from '../notifications.ts';
import { addDays, todayInChina } from '@outpost/i18n';

/** Days before expiry at which the partner is reminded. */
export const REMINDER_DAYS = { '30d': 30, '7d': 7 } as const;

/**
 * The daily expiry scan. Marks documents past their expiry date as expired (telling
 * the partner and staff) and reminds the partner 30 and 7 days ahead. Every reminder is
 * recorded with the expiry date it was for, so re-running the job the same day, or on
 * several workers, sends nothing twice; a new upload with a new date re-arms them.
 */
export async function runDocumentExpiry(db: Database, now = new Date()) {
  // Expiry dates are calendar days in China: the job runs at 02:00 Shanghai, still "yesterday" in UTC.
  const today = todayInChina(now);
  const actor = systemActor('document-expiry');
  const result = { expired: 0, reminded: 0 };

  const due = await db
    .select({ document: documents, requirement: documentRequirements, partner: partners })
    .from(documents)
    .innerJoin(documentRequirements, eq(documentRequirements.id, documents.requirementId))
    .innerJoin(partners, eq(partners.id, documents.partnerId))
    .where(
      and(
        isNotNull(documents.expiryDate),
        ne(documents.status, 'expired'),
        lte(documents.expiryDate, addDays(today, REMINDER_DAYS['30d'])),
      ),
    );

  for (const { document, requirement, partner } of due) {
    const expiry = document.expiryDate!;
    const kind = expiry < today ? 'expired' : expiry <= addDays(today, REMINDER_DAYS['7d']) ? '7d' : '30d';
    await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(documentReminders)
        .values({ documentId: document.id, kind, expiryDate: expiry })
        .onConflictDoNothing()
        .returning();
      if (claimed.length === 0) return; // already handled for this expiry date
      const members = await tx
        .select({ id: users.id, email: users.email, locale: users.locale, optOut: users.emailOptOut })
        .from(partnerMemberships)
        .innerJoin(users, eq(users.id, partnerMemberships.userId))
        .where(eq(partnerMemberships.partnerId, partner.id));
      const params = {
        requirement: requirement.nameZh,
        requirementEn: requirement.nameEn,
        date: expiry,
        name: partner.legalName,
      };
      if (kind === 'expired') {
        await tx
          .update(documents)
          .set({ status: 'expired', updatedAt: new Date() })
          .where(eq(documents.id, document.id));
        await audit(tx, actor, {
          action: 'document.expired',
          entityType: 'document',
          entityId: document.id,
          partnerId: partner.id,
          data: { expiryDate: expiry },
        });
        await notify(tx, {
          staffRoles: ['reviewer', 'risk_officer'],
          template: 'notify.document_expired_staff',
          params,
          link: `/s/partners/${partner.id}`,
        });
        result.expired++;
      } else {
        result.reminded++;
      }
      const template = kind === 'expired' ? 'notify.document_expired' : 'notify.document_expiring';
      await notify(tx, {
        userIds: members.map((m) => m.id),
        template,
        params: { ...params, days: kind === '7d' ? 7 : 30 },
        link: '/p/documents',
      });
      // Expiry mail is of the 'documents' kind: a person who turned it off keeps only the inbox copy.
      for (const member of members.filter((m) => !m.optOut.includes('documents'))) {
        await queueEmail(tx, {
          to: member.email,
          subject: kind === 'expired' ? 'email.document_expired.subject' : 'email.document_expiring.subject',
          body: kind === 'expired' ? 'email.document_expired.body' : 'email.document_expiring.body',
          params: { ...params, days: kind === '7d' ? 7 : 30 },
          link: '/p/documents',
          locale: member.locale,
        });
      }
    });
  }
  return result;
}
