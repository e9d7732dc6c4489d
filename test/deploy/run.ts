/**
 * npm run test:deploy — compose.yaml started for real (issue 14, decision record 057): the image
 * is built from the Dockerfile, PostgreSQL, two web processes behind Caddy and two workers start,
 * and an administrator created with `admin:create` signs in through the proxy with a password
 * and an authenticator, served by both web processes; then one web process is stopped and the
 * person carries on. Needs a container engine (Docker with `docker compose` or Debian's
 * `docker-compose`); `--offline` first builds the base images from Debian packages
 * (deploy/offline/build-base-images.sh) for a host without Docker Hub. Every check prints a line;
 * any failure fails the run. The stack is removed at the end (KEEP_STACK=1 keeps it).
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCode, totpStep } from '@outpost/auth';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { freePort } from '../faults/cluster.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const started = Date.now();
const seconds = (from = started) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);
let failures = 0;
function check(name: string, ok: boolean, detail: string) {
  if (!ok) failures++;
  say(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  return { status: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '' };
}

/** `docker compose` (v2 plugin) or Debian's `docker-compose` (1.29); both read compose.yaml. */
function composeCommand(): string[] | undefined {
  if (run('docker', ['compose', 'version'], process.env).status === 0) return ['docker', 'compose'];
  if (run('docker-compose', ['version'], process.env).status === 0) return ['docker-compose'];
  return undefined;
}

const secret = () => randomBytes(24).toString('base64url');

async function main() {
  const compose = composeCommand();
  if (run('docker', ['info'], process.env).status !== 0 || !compose) {
    say('test:deploy needs a running Docker engine and docker compose (or docker-compose).');
    process.exit(2);
  }
  const port = await freePort(18080);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COMPOSE_PROJECT_NAME: `outpost-check-${process.pid}`,
    OUTPOST_PORT: String(port),
    PUBLIC_URL: `http://localhost:${port}`,
    AUTH_SECRET: secret(),
    AUDIT_SIGNING_KEY: secret(),
    POSTGRES_PASSWORD: secret(),
    METRICS_TOKEN: secret(),
    SEED_DEMO: 'false',
  };
  if (process.argv.includes('--offline')) {
    say('=== base images from Debian packages (deploy/offline/build-base-images.sh)');
    const r = run('sh', ['deploy/offline/build-base-images.sh'], env);
    if (r.status !== 0) throw new Error(`build-base-images.sh failed:\n${r.out}`);
    for (const pair of r.stdout.trim().split('\n').at(-1)!.split(' ')) {
      const [k, v] = pair.split('=');
      if (k && v) env[k] = v;
    }
  }
  const dc = (args: string[], input?: string) => run(compose[0]!, [...compose.slice(1), ...args], env, input);
  const container = (service: string) => dc(['ps', '-q', service]).stdout.trim();

  try {
    say(`=== test:deploy: ${compose.join(' ')}, project ${env.COMPOSE_PROJECT_NAME}, port ${port}`);
    let from = Date.now();
    const build = dc(['build']);
    if (build.status !== 0) throw new Error(`build failed:\n${build.out.slice(-4000)}`);
    say(`image built (${seconds(from)})`);

    from = Date.now();
    const up = dc(['up', '-d']);
    if (up.status !== 0) throw new Error(`up failed:\n${up.out.slice(-4000)}`);
    const services = ['db', 'web-1', 'web-2', 'worker-1', 'worker-2', 'proxy'];
    const health = (service: string) =>
      run(
        'docker',
        [
          'inspect',
          '-f',
          '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}',
          container(service),
        ],
        env,
      ).stdout.trim();
    await until(
      () => ['db', 'web-1', 'web-2'].every((s) => health(s) === 'healthy'),
      240_000,
      'healthy web processes',
    );
    await until(
      async () => (await fetch(`${env.PUBLIC_URL}/healthz`).catch(() => null))?.ok === true,
      60_000,
      'the proxy',
    );
    check('stack up', true, services.map((s) => `${s} ${health(s)}`).join(', ') + ` (${seconds(from)})`);

    // The code is root's and read-only; the process is not root.
    const uid = dc(['exec', '-T', 'web-1', 'id', '-u']).stdout.trim();
    const write = dc(['exec', '-T', 'web-1', 'sh', '-c', 'touch /app/package.json']).status;
    const data = dc(['exec', '-T', 'web-1', 'sh', '-c', 'touch /data/files/.w && rm /data/files/.w']).status;
    check(
      'non-root',
      uid !== '0' && uid !== '' && write !== 0 && data === 0,
      `uid ${uid}; /app ${write !== 0 ? 'read-only' : 'WRITABLE'}; /data/files ${data === 0 ? 'writable' : 'NOT WRITABLE'}`,
    );

    // /metrics: 404 on the public address, served with the token inside the network.
    const publicMetrics = (await fetch(`${env.PUBLIC_URL}/metrics`)).status;
    const inside = dc([
      'exec',
      '-T',
      'web-1',
      'node',
      '-e',
      `fetch('http://127.0.0.1:3000/metrics',{headers:{authorization:'Bearer ${env.METRICS_TOKEN}'}}).then(async r=>{const t=await r.text();console.log(r.status,/^# TYPE /m.test(t))})`,
    ]).stdout.trim();
    check(
      'metrics',
      publicMetrics === 404 && inside === '200 true',
      `proxy ${publicMetrics}, inside with token ${inside}`,
    );

    // The first administrator, then a second refused without --force.
    const email = 'first.admin@example.com';
    const created = dc([
      'exec',
      '-T',
      'web-1',
      'node',
      'apps/server/src/cli.ts',
      'admin:create',
      '--email',
      email,
      '--name',
      'First Admin',
    ]);
    const link = /(http\S+\/reset-password\/\S+)/.exec(created.out)?.[1];
    const again = dc([
      'exec',
      '-T',
      'web-2',
      'node',
      'apps/server/src/cli.ts',
      'admin:create',
      '--email',
      'second@example.com',
      '--name',
      'Second',
    ]);
    check(
      'admin:create',
      created.status === 0 && !!link && again.status !== 0,
      `link ${link ? 'printed' : 'missing'}; a second without --force exits ${again.status}`,
    );
    if (!link) throw new Error(created.out);

    const logMark = new Date().toISOString();
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ locale: 'en', baseURL: env.PUBLIC_URL });
      const page = await context.newPage();
      from = Date.now();
      await signInFirstTime(page, link, email);
      check(
        'sign-in through the proxy',
        true,
        `password set, authenticator set up, console reached (${seconds(from)})`,
      );

      const pages = ['/s', '/s/partners', '/s/people', '/account', '/s/settings', '/s/audit'];
      let signedIn = 0;
      for (let i = 0; i < 12; i++) signedIn += (await signedInAt(page, pages[i % pages.length]!)) ? 1 : 0;
      const served = ['web-1', 'web-2'].map((s) => pageRequests(dc(['logs', '--no-color', s]).out, logMark));
      check(
        'one session, two web processes',
        signedIn === 12 && served.every((n) => n > 0),
        `12 of 12 pages signed in? ${signedIn}; page requests served by web-1 ${served[0]}, web-2 ${served[1]}`,
      );

      dc(['stop', 'web-1']);
      let through = 0;
      for (let i = 0; i < 6; i++) through += (await signedInAt(page, pages[i % pages.length]!)) ? 1 : 0;
      check(
        'a web process stopped',
        through === 6,
        `${through} of 6 pages served, still signed in, with web-1 down`,
      );
      dc(['start', 'web-1']);
      await context.close();
    } finally {
      await browser.close();
    }

    const workerLogs = ['worker-1', 'worker-2'].map((s) => dc(['logs', '--no-color', s]).out);
    check(
      'workers',
      workerLogs.every((l) => l.includes('Outpost is running (worker)')) &&
        workerLogs.some((l) => l.includes('"job finished"')),
      `both started; jobs finished: ${workerLogs.map((l) => (l.match(/"job finished"/g) ?? []).length).join(' and ')}`,
    );
  } finally {
    if (process.env.KEEP_STACK !== '1') dc(['down', '-v', '--remove-orphans']);
  }
  say(`=== test:deploy ${failures === 0 ? 'passed' : `FAILED (${failures})`} in ${seconds()}`);
  process.exit(failures === 0 ? 0 : 1);
}

async function signInFirstTime(page: Page, link: string, email: string) {
  const password = 'a long walk by the river 2026';
  await page.goto(new URL(link).pathname);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the new password').fill(password);
  await page.getByRole('button', { name: 'Save the password' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/reset-password'));
  if (new URL(page.url()).pathname.startsWith('/sign-in')) {
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  // Administrators must set up an authenticator before anything else (decision record 043).
  await page.waitForURL('**/account/mfa');
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const key = decodeBase32IgnorePadding(
    (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, ''),
  );
  await page.getByLabel('Code from the app').fill(totpCode(key, totpStep()));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByRole('list', { name: 'Your recovery codes' }).waitFor();
  await page.goto('/s');
}

async function signedInAt(page: Page, pathname: string): Promise<boolean> {
  const response = await page.goto(pathname);
  return (
    response?.status() === 200 &&
    new URL(page.url()).pathname === pathname &&
    (await page.locator('form[action="/sign-out"]').count()) > 0
  );
}

/** Access-log lines (decision record 044) for pages, not health probes, after `since`. */
function pageRequests(logs: string, since: string): number {
  let n = 0;
  for (const line of logs.split('\n')) {
    const json = line.slice(line.indexOf('{'));
    try {
      const entry = JSON.parse(json) as { msg?: string; route?: string; time?: string };
      if (
        entry.msg === 'request' &&
        entry.time &&
        entry.time > since &&
        !/^\/(healthz|readyz)$/.test(entry.route ?? '')
      )
        n++;
    } catch {
      // not a JSON line (compose's prefix only, or a blank)
    }
  }
  return n;
}

async function until(ok: () => boolean | Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

main().catch((error) => {
  say(`FAIL  ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
