import { createAdministrator, isAppError } from '@outpost/core';
import { type DatabaseConnection, migrate } from '@outpost/db';
import { loadConfig } from './config.ts';
import { ensureReferenceData } from './prepare.ts';

/** What an operator command prints is for the person at the terminal (stdout, stderr), not log lines. */
const print = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

/** `--name value` / `--name=value` options and bare `--flag`s after the command. */
function options(args: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) out.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) out.set(arg.slice(2), args[++i]!);
    else out.set(arg.slice(2), true);
  }
  return out;
}

/**
 * `admin:create --email … --name … [--locale en] [--force --reason "…"]` (decision record 042):
 * creates an administrator on any database and prints a one-time set-password link. Exit codes:
 * 0 created, 3 refused (an administrator exists, or the e-mail is taken), 64 bad arguments.
 */
export async function adminCreate(conn: DatabaseConnection, args: string[]): Promise<number> {
  const opts = options(args);
  const email = opts.get('email');
  const name = opts.get('name');
  const reason = opts.get('reason');
  const locale = opts.get('locale');
  if (typeof email !== 'string' || typeof name !== 'string') {
    complain(
      'Usage: npm run admin:create -- --email <address> --name "<name>" [--locale en] [--force --reason "…"]',
    );
    return 64;
  }
  await migrate(conn);
  await ensureReferenceData(conn.db);
  try {
    const created = await createAdministrator(conn.db, {
      email,
      displayName: name,
      force: opts.get('force') === true,
      reason: typeof reason === 'string' ? reason : undefined,
      locale: locale === 'en' ? 'en' : 'zh-CN',
    });
    const link = `${loadConfig().publicUrl}${created.link.path}`;
    print(
      `Administrator ${email} created${created.forced ? ' (forced; recorded in the audit log)' : ''}.\n` +
        `Open this link to set the password — it works once, until ${created.link.expiresAt.toISOString()}:\n\n  ${link}\n`,
    );
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fields = (error.details?.fields as { path: string; message: string }[] | undefined) ?? [];
    complain(
      [
        error.message,
        ...fields.map((f) => `  --${f.path === 'displayName' ? 'name' : f.path}: ${f.message}`),
      ].join('\n'),
    );
    return error.code === 'conflict' ? 3 : 64;
  }
}
