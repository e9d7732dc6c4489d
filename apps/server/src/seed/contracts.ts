import {
  contractPdfFile,
  decideContractApproval,
  draftContract,
  ensureDefaultContractLibrary,
  runContractExpiry,
  getContract,
  listTemplates,
  reviewContract,
  setContractApprovers,
  submitContract,
  updateDraft,
  uploadSignedContract,
} from '@outpost/core';
import { type Database, serviceCategories, users } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import type { Joined } from './admissions.ts';
import { demoSlaTargets } from './contract-execution.ts';
import { type SeedContext, staffActor } from './context.ts';
import type { ActivePartner } from './partners.ts';

const ADMIN = 'admin@outpost.test';
const LEGAL = 'legal@outpost.test';
const RISK = 'risk@outpost.test';
const APPROVERS = ['committee1@outpost.test', ADMIN];

/** The values every default clause asks for, as a claims or agency contract would fill them. */
const values = (city: string) => ({
  sla_cure_months: 3,
  service_credit_percent: 5,
  confidentiality_years: 5,
  incident_report_hours: 2,
  liability_cap: 500_000_000,
  audit_notice_days: 10,
  service_locations: city,
  recovery_hours: 4,
  termination_notice_days: 90,
  data_return_days: 30,
  training_hours: 36,
});

const cityOf: Record<string, string> = { shuzhi: '杭州市', jindun: '深圳市', yunfan: '成都市' };

async function userId(db: Database, email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

/**
 * Contracts as they go in practice, through the services staff and partners use: the clause
 * library and templates, approvers for every category, then for each active partner a contract
 * drafted from its category's template with SLA targets, reviewed by legal where the partner is
 * critical or important, approved by both approvers and countersigned by the partner (its signed
 * PDF on file). 鼎信's ends within 60 days; 金盾 has a second contract with an edited clause waiting
 * for legal; 云帆 a draft in progress.
 */
export async function seedContracts(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db, storage, today } = context;
  await ensureDefaultContractLibrary(db);
  const admin = staffActor(context, ADMIN);
  const legal = staffActor(context, LEGAL);
  const risk = staffActor(context, RISK);
  const approverIds = await Promise.all(APPROVERS.map((email) => userId(db, email)));
  for (const serviceCategory of serviceCategories) {
    await setContractApprovers(db, admin, { serviceCategory, userIds: approverIds });
  }
  const approvers = APPROVERS.map((email) => staffActor(context, email));
  const templates = await listTemplates(db, risk);
  const templateOf = (category: string) => templates.find((t) => t.serviceCategory === category)!;
  // Read off each partner's seeded figures: the execution results show exactly one breach.
  const slaTargets = await demoSlaTargets(
    db,
    admitted.map((a) => a.joined.partnerId),
    context.now,
  );

  for (const { partner, joined } of admitted) {
    const category = partner.serviceCategories[0]!;
    const ending = partner.key === 'dingxin';
    const contract = await draftContract(db, risk, {
      partnerId: joined.partnerId,
      templateId: templateOf(category).id,
      terms: {
        startDate: addDays(today, ending ? -700 : -300),
        endDate: addDays(today, ending ? 45 : 430),
        autoRenew: !ending,
        noticeDays: 90,
        annualValueCents: partner.criticality === 'critical' ? 360_000_000 : 120_000_000,
        governingLaw: '中华人民共和国法律',
        language: 'zh-CN',
      },
      values: values(cityOf[partner.key] ?? '上海市'),
      slaTargets: slaTargets.get(joined.partnerId) ?? [],
    });
    const submitted = await submitContract(db, risk, contract.id);
    if (submitted.legalReviewRequired) await reviewContract(db, legal, contract.id, { decision: 'approve' });
    for (const approver of approvers) {
      await decideContractApproval(db, approver, { contractId: contract.id, decision: 'approve' });
    }
    // The partner signs the PDF it downloads and uploads the countersigned copy.
    const pdf = await contractPdfFile(db, joined.admin, contract.id);
    await uploadSignedContract(db, joined.admin, storage, {
      contractId: contract.id,
      fileName: `${contract.reference}-盖章版.pdf`,
      bytes: pdf.bytes,
    });
  }

  const jindun = admitted.find((a) => a.partner.key === 'jindun')!;
  const inReview = await draftContract(db, risk, {
    partnerId: jindun.joined.partnerId,
    templateId: templateOf('it').id,
    terms: {
      startDate: addDays(today, 30),
      endDate: addDays(today, 30 + 3 * 365),
      autoRenew: false,
      noticeDays: 120,
      annualValueCents: 880_000_000,
      governingLaw: '中华人民共和国法律',
      language: 'zh-CN',
    },
    values: values('深圳市'),
    slaTargets: [{ kpiKey: 'processing_timeliness', comparator: 'gte', target: 98, period: 'month' }],
  });
  // The partner asked for a shorter confidentiality period: legal sees the edit as a diff.
  const { version } = await getContract(db, risk, inReview.id);
  await updateDraft(db, risk, inReview.id, {
    clauses: version.clauses.map(({ clauseVersionId, titleZh, titleEn, bodyZh, bodyEn, kind }) => ({
      clauseVersionId,
      titleZh,
      titleEn,
      bodyZh:
        kind === 'subcontracting'
          ? bodyZh.replace('不得将本合同项下服务分包', '不得将本合同项下核心服务分包')
          : bodyZh,
      bodyEn:
        kind === 'subcontracting'
          ? bodyEn.replace('sub-contracts none of the services', 'sub-contracts none of the core services')
          : bodyEn,
    })),
  });
  await submitContract(db, risk, inReview.id);

  const yunfan = admitted.find((a) => a.partner.key === 'yunfan')!;
  await draftContract(db, risk, {
    partnerId: yunfan.joined.partnerId,
    templateId: templateOf('it').id,
    terms: {
      startDate: addDays(today, 60),
      endDate: addDays(today, 60 + 2 * 365),
      autoRenew: true,
      noticeDays: 60,
      annualValueCents: 95_000_000,
      governingLaw: '中华人民共和国法律',
      language: 'zh-CN',
    },
    values: { service_locations: '成都市', recovery_hours: 8 },
  });
  // The daily job's first run: 鼎信's contract is expiring and its owner reminded.
  await runContractExpiry(db, today);
}
