import { hashPassword } from '@outpost/auth';
import type { FileStorage } from '@outpost/core';
import { type Database, users } from '@outpost/db';
import { count } from 'drizzle-orm';
import { admitPartner, type Joined, seedApplicant } from './admissions.ts';
import { createContext, DEMO_PASSWORD } from './context.ts';
import { seedEvents } from './events.ts';
import { type ActivePartner, activePartners, applicants } from './partners.ts';
import { seedReviews } from './reviews.ts';
import { demoStaff, seedStaff } from './staff.ts';
import { seedContinuity } from './continuity.ts';
import { seedPeople } from './people.ts';
import { seedTraining } from './training.ts';
import { seedNotices } from './notices.ts';
import { seedRisk } from './risk.ts';
import { seedContracts } from './contracts.ts';
import { seedContractAmendments } from './contract-amendments.ts';
import { seedRiskKinds } from './risk-kinds.ts';
import { seedContractRegister } from './contract-register.ts';
import { seedRiskPartner } from './risk-partner.ts';
import { seedRiskIncidents } from './risk-incidents.ts';
import { seedMfa } from './mfa.ts';
import { seedTargets } from './targets.ts';
import { seedIncentives } from './incentives.ts';
import { seedReports } from './reports.ts';
import { seedContractExecution } from './contract-execution.ts';
import { seedRegister } from './register.ts';
import { seedRegisterEntity } from './register-entity.ts';
import { seedContractRenewals } from './contract-renewals.ts';
import { seedSupervision } from './supervision.ts';
import { seedTerminations } from './terminations.ts';
import { seedBlacklist } from './blacklist.ts';

export { DEMO_PASSWORD } from './context.ts';
export { activePartners, applicants } from './partners.ts';
export { demoStaff } from './staff.ts';

/** Shown by `npm start`: every demo login and what it shows. */
export const demoLogins = [
  ...demoStaff.map((s) => ({ email: s.email, who: `${s.displayName} — ${s.role}` })),
  ...activePartners.flatMap((p) =>
    [p.admin, ...(p.members ?? [])].map((u) => ({
      email: u.email,
      who: `${u.displayName} — ${p.legalName}`,
    })),
  ),
  ...applicants.map((a) => ({
    email: a.admin.email,
    who: `${a.admin.displayName} — ${a.legalName} (applying: ${a.stage.replaceAll('_', ' ')})`,
  })),
];

/** True when the database has no users yet (a first run). */
export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** An active partner whose documents include one expiring within 30 days (its home asks to renew it). */
const renewing: Record<string, Record<string, number>> = { xinda: { audited_financials: 345 } };

/**
 * Demo data for a first run, all through the services people and partner systems use, so the
 * audit log tells the story: staff in every role; eleven partners admitted through the whole
 * admission flow (documents accepted, inspection, pilot, committee votes); two years of their
 * service events sent with their own API keys; quarterly reviews finalised, answered, appealed
 * and drafted; four applications in progress at different stages; and training — courses in every
 * category, rosters, passed, failed and overdue records, and the training KPI filled.
 */
export async function seedDemo(db: Database, storage: FileStorage, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const context = createContext(db, storage, passwordHash, now);
  await seedStaff(context, passwordHash);
  const admitted: { partner: ActivePartner; joined: Joined }[] = [];
  for (const partner of activePartners) {
    const joined = await admitPartner(context, partner, { issuedDaysAgo: renewing[partner.key] });
    admitted.push({ partner, joined });
  }
  for (const applicant of applicants) await seedApplicant(context, applicant);
  await seedEvents(context, admitted);
  await seedReviews(context, admitted);
  await seedTraining(db, storage);
  await seedNotices(db);
  // Last: the training figures and documents it evaluates are in place.
  await seedRisk(context, admitted);
  await seedContracts(context, admitted);
  await seedContractAmendments(context, admitted);
  await seedRiskKinds(context, admitted);
  await seedContractRegister(context);
  await seedRiskPartner(context, admitted);
  await seedRiskIncidents(context, admitted);
  await seedMfa(context);
  // Last of all: the target dashboard reads what the others left (decision record 046).
  await seedTargets(context, admitted);
  // Departments, a pending staff invitation, a deactivated person (decision record 042).
  await seedPeople(context);
  await seedContractExecution(context);
  await seedRegister(context);
  await seedContractRenewals(context, admitted);
  await seedIncentives(context);
  await seedContinuity(context); // exit plans, concentration, departments and owners (decision record 050)
  await seedSupervision(context);
  await seedTerminations(context, admitted);
  // Last: the management report reads what every step before it left (decision record 051).
  await seedReports(context);
  // The insurer's own legal entity, named by the register's exports (decision record 060).
  await seedRegisterEntity(context);
  // The blacklist the legal demo login shows (demo audit): entities that are not partners.
  await seedBlacklist(context);
}
