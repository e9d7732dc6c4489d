import { loggerFor } from '@outpost/log';
import { type Database, managementReportFiles, managementReports, rowsOf } from '@outpost/db';
import { type Locale, supportedLocales } from '@outpost/i18n';
import { and, eq, sql } from 'drizzle-orm';
import { type Actor, systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { notify, queueEmail } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { previousQuarter } from '../reviews/quarters.ts';
import { getSetting } from '../settings.ts';
import { contentAddress } from '../uploads/stored-file.ts';
import { closedQuarter } from './closed-quarter.ts';
import { quarterlyReportData } from './report-data.ts';
import { headlineParams, reportPdf, reportXlsx } from './report-files.ts';

/** A run that has been "generating" this long died with its worker: the next run takes it over. */
export const STUCK_AFTER_MS = 30 * 60 * 1000;
export const REPORTS_LINK = '/s/reports';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type ReportRow = typeof managementReports.$inferSelect;

/**
 * Staff ask for a closed quarter's report (the button on /s/reports). The job makes it (the page
 * shows queued → generating → ready). A quarter in the future or still running is a 422; one already
 * reported a 409 (reports are immutable); a retried request for a queued or generating report
 * returns that report, and a failed one is queued again.
 */
export async function requestQuarterlyReport(
  db: Database,
  actor: Actor,
  input: { quarter?: unknown },
  now = new Date(),
) {
  assertCan(actor, 'generate:reports');
  const quarter = closedQuarter(input.quarter, now);
  return db.transaction(async (tx) => {
    const requestedBy = actor.type === 'staff' ? actor.userId : null;
    const [created] = await tx
      .insert(managementReports)
      .values({ quarter, trigger: 'staff', requestedBy, requestedAt: now })
      .onConflictDoNothing()
      .returning();
    let report = created;
    if (!report) {
      const [existing] = await tx
        .select()
        .from(managementReports)
        .where(eq(managementReports.quarter, quarter))
        .for('update');
      if (existing!.status === 'ready') {
        throw new AppError(
          'conflict',
          'The report for this quarter already exists; reports are never regenerated.',
          {
            messageKey: 'reports.error.exists',
            details: { reportId: existing!.id },
          },
        );
      }
      if (existing!.status !== 'failed') return existing!;
      [report] = await tx
        .update(managementReports)
        .set({
          status: 'queued',
          trigger: 'staff',
          requestedBy,
          requestedAt: now,
          error: null,
          startedAt: null,
        })
        .where(eq(managementReports.id, existing!.id))
        .returning();
    }
    await audit(tx, actor, {
      action: 'report.requested',
      entityType: 'management_report',
      entityId: report!.id,
      data: { quarter },
    });
    return report!;
  });
}

/**
 * The scheduled part: queue the report of the quarter that just closed. The unique quarter key makes
 * this once per quarter however many workers or days run it.
 */
export async function queueClosedQuarterReport(db: Database, now = new Date()) {
  const quarter = previousQuarter(now);
  const [row] = await db
    .insert(managementReports)
    .values({ quarter, trigger: 'schedule', requestedAt: now })
    .onConflictDoNothing()
    .returning({ id: managementReports.id });
  return { quarter, queued: Boolean(row) };
}

/**
 * Claims and generates every queued report (and any left "generating" by a dead worker), one at a
 * time. Two workers never take the same row (skip locked). Returns the reports made.
 */
export async function generateQueuedReports(db: Database, storage: FileStorage, now = new Date()) {
  const made: string[] = [];
  for (;;) {
    const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS);
    const [claimed] = rowsOf<{ id: string }>(
      await db.execute(sql`
        update management_reports set status = 'generating', started_at = ${now.toISOString()}::timestamptz
        where id = (
          select id from management_reports
          where status = 'queued' or (status = 'generating' and started_at < ${stuckBefore.toISOString()}::timestamptz)
          order by requested_at limit 1 for update skip locked)
        returning id`),
    );
    if (!claimed) return made;
    try {
      await generateReport(db, storage, claimed.id, now);
      made.push(claimed.id);
    } catch (error) {
      loggerFor('reports').error({ err: error, reportId: claimed.id }, 'management report failed');
      await db
        .update(managementReports)
        .set({ status: 'failed', error: error instanceof Error ? error.message.slice(0, 500) : 'failed' })
        .where(and(eq(managementReports.id, claimed.id), eq(managementReports.status, 'generating')));
    }
  }
}

/**
 * Makes one claimed report: the data of its quarter, a PDF and an XLSX in each language, each stored
 * content-addressed with its SHA-256; then, in one transaction, the file rows, the report ready with
 * its headline, the audit entry, the Slack post to the management channel and the e-mails to the
 * configured list. That transaction runs once per report (it requires the row still "generating"),
 * so the post and the e-mails are enqueued once. Files are written before it: a crash in between
 * leaves files no row names, which the orphan scan reports (decision record 015).
 */
export async function generateReport(db: Database, storage: FileStorage, reportId: string, now = new Date()) {
  const [report] = await db.select().from(managementReports).where(eq(managementReports.id, reportId));
  if (!report) throw new Error(`management report ${reportId} not found`);
  const data = await quarterlyReportData(db, report.quarter, now);
  const files: (typeof managementReportFiles.$inferInsert)[] = [];
  for (const locale of supportedLocales) {
    const outputs: { format: 'pdf' | 'xlsx'; bytes: Uint8Array; contentType: string }[] = [
      { format: 'pdf', bytes: await reportPdf(data, locale, now), contentType: 'application/pdf' },
      { format: 'xlsx', bytes: reportXlsx(data, locale), contentType: XLSX },
    ];
    for (const out of outputs) {
      const stored = contentAddress(out.bytes);
      if (!(await storage.exists(stored.storageKey))) {
        await storage.put(stored.storageKey, out.bytes, out.contentType);
      }
      files.push({
        reportId,
        locale,
        format: out.format,
        fileName: `management-report-${report.quarter}-${locale}.${out.format}`,
        contentType: out.contentType,
        sizeBytes: out.bytes.byteLength,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
      });
    }
  }
  const distribution = await getSetting(db, 'reports.distribution');
  const headline = headlineParams(data, 'en');
  return db.transaction(async (tx) => {
    const [ready] = await tx
      .update(managementReports)
      .set({ status: 'ready', generatedAt: now, headline, error: null })
      .where(and(eq(managementReports.id, reportId), eq(managementReports.status, 'generating')))
      .returning();
    if (!ready) throw new Error(`management report ${reportId} is no longer generating`);
    await tx.insert(managementReportFiles).values(files);
    await audit(tx, systemActor('management-report'), {
      action: 'report.generated',
      entityType: 'management_report',
      entityId: reportId,
      data: {
        quarter: report.quarter,
        trigger: report.trigger,
        requestedBy: report.requestedBy,
        files: files.map((f) => ({
          locale: f.locale,
          format: f.format,
          sha256: f.sha256,
          sizeBytes: f.sizeBytes,
        })),
      },
    });
    if (distribution.slackChannel) {
      // A channel is read in both languages; a figure not measured shows as a dash in either.
      await notify(tx, {
        template: 'reports.slack',
        params: headlineParams(data, 'en', '—'),
        link: REPORTS_LINK,
        slackChannel: distribution.slackChannel,
      });
    }
    for (const to of distribution.emails) {
      await queueEmail(tx, {
        to: to.email,
        subject: 'reports.email.subject',
        body: 'reports.email.body',
        params: headlineParams(data, to.locale as Locale),
        link: REPORTS_LINK,
        locale: to.locale,
      });
    }
    return { ...ready, files: files.length } satisfies ReportRow & { files: number };
  });
}

/**
 * The seed's (and a test's) way: queue and make a closed quarter's report at once, without a worker.
 * An existing report is returned as it is.
 */
export async function generateQuarterlyReportNow(
  db: Database,
  storage: FileStorage,
  quarter: string,
  options: { trigger?: string; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const q = closedQuarter(quarter, now);
  const [row] = await db
    .insert(managementReports)
    .values({
      quarter: q,
      trigger: options.trigger ?? 'schedule',
      requestedAt: now,
      status: 'generating',
      startedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [existing] = await db.select().from(managementReports).where(eq(managementReports.quarter, q));
    return existing!;
  }
  return generateReport(db, storage, row.id, now);
}
