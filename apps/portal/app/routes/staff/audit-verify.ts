import { verifyAuditLog } from '@outpost/core';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { externalCheckpointsOf } from '../../lib/audit/filters';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import { auditChainSize } from '@outpost/core';
import type { Route } from './+types/audit-verify';

/**
 * The chain verification as a stream (decision record 053): one JSON line per batch of 1,000
 * entries verified, then the result — the same verifyAuditChain `npm run audit:verify` runs.
 * Read-only; those who may read the audit log may run it.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  // The permission is checked before the stream starts, so a refusal is a plain 403 page.
  await orRouteError(locale, () => auditChainSize(db, person.actor));
  const external = externalCheckpointsOf(new URL(request.url).searchParams);
  if (external.bad) throw routeError(locale, 422, 'audit-viewer.verify.badCheckpoint');
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        const result = await verifyAuditLog(db, person.actor, {
          external: external.checkpoints,
          onProgress: (checked, total) => send({ type: 'progress', checked, total }),
        });
        send({
          type: 'result',
          report: result.report,
          brokenEntry: result.brokenEntry
            ? { ...result.brokenEntry, at: result.brokenEntry.at.toISOString() }
            : null,
          durationMs: result.durationMs,
        });
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      // Not buffered by a proxy in front (nginx), so progress arrives as it happens.
      'x-accel-buffering': 'no',
    },
  });
}
