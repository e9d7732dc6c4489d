import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  advanceApplication,
  defaultRequirements,
  LocalDiskStorage,
  recordAssessment,
  recordInspection,
  recordPilot,
  requirementsFor,
  reviewDocument,
  saveRequirement,
  submitApplication,
  systemActor,
  uploadDocument,
} from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff, validDocumentDates } from '@outpost/core/testing';
import type { Database } from '@outpost/db';

/** The smallest file the upload check accepts as a PDF (header, cross-reference, startxref, %%EOF). */
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n45\n%%EOF\n',
);

/**
 * An application brought to the committee stage through the real core services, as
 * a reviewer would: documents uploaded and accepted, inspection, pilot and assessment
 * recorded, then advanced — which queues one ballot per committee member. Every
 * active staff user with the `committee` role at that moment is on its committee.
 */
export async function committeeStageApplication(
  db: Database,
  options: {
    legalName?: string;
    thirdParty?: { assessor: string; score: number };
  } = {},
) {
  for (const requirement of defaultRequirements) await saveRequirement(db, systemActor('test'), requirement);
  const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-committee-')));
  const reviewer = (await makeStaff(db, ['reviewer'])).actor;
  const partner = await makePartner(db, {
    status: 'invited',
    ...(options.legalName ? { legalName: options.legalName } : {}),
  });
  const { actor: partnerAdmin } = await makePartnerUser(db, partner.id, 'partner_admin');

  const documentIds: string[] = [];
  for (const requirement of (await requirementsFor(db, ['claims'])).filter((r) => r.mandatory)) {
    const { document } = await uploadDocument(db, partnerAdmin, storage, {
      requirementId: requirement.id,
      fileName: `${requirement.key}.pdf`,
      bytes: PDF,
      ...validDocumentDates(requirement),
    });
    documentIds.push(document.id);
  }
  const application = await submitApplication(db, partnerAdmin, { serviceCategories: ['claims'] });
  for (const documentId of documentIds)
    await reviewDocument(db, reviewer, { documentId, decision: 'accept' });
  await advanceApplication(db, reviewer, application.id);
  await recordInspection(db, reviewer, application.id, {
    inspectedOn: '2026-10-01',
    inspectors: ['李审核'],
    findings: 'Good controls',
    score: 85,
  });
  await advanceApplication(db, reviewer, application.id);
  await recordPilot(db, reviewer, application.id, {
    startsOn: '2026-10-02',
    endsOn: '2026-11-01',
    outcome: 'On time',
    score: 90,
  });
  await recordAssessment(db, reviewer, application.id, {
    financial: 80,
    capability: 90,
    compliance: 70,
    reputation: 60,
    ...(options.thirdParty
      ? { thirdPartyAssessor: options.thirdParty.assessor, thirdPartyScore: options.thirdParty.score }
      : {}),
  });
  const atCommittee = await advanceApplication(db, reviewer, application.id);
  return { application: atCommittee, partner, partnerAdmin, reviewer };
}
