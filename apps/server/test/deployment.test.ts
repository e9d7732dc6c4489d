import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.ts';

/**
 * What can be checked without a container engine, on every CI run: the compose file starts what
 * the README says, every process gets a configuration the server accepts, the connection budget
 * fits PostgreSQL's default, and the image is multi-stage, Node 24, non-root. `npm run test:deploy`
 * builds and starts it for real (decision record 057).
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: unknown;
  ports?: string[];
  volumes?: string[];
};
const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> };
/** An image as compose resolves it when the operator sets no override: `${POSTGRES_IMAGE:-postgres:17}`. */
const defaultImage = (image?: string) => image?.replace(/^\$\{\w+:-([^}]+)\}$/, '$1');
const services = compose.services;
const outpost = Object.entries(services).filter(([, s]) => s.image === 'outpost:latest');

/** ${VAR:-default} → default, ${VAR:?message} → a value as an operator would set it. */
const resolved = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v)
        .replace(/\$\{(\w+):-([^}]*)\}/g, '$2')
        .replace(/\$\{(\w+):\?[^}]*\}/g, 'x'.repeat(40)),
    ]),
  );

describe('compose.yaml', () => {
  it('starts PostgreSQL, two web processes behind a reverse proxy and two workers', () => {
    expect(defaultImage(services.db?.image)).toMatch(/^postgres:\d+/);
    const roles = outpost.map(([name, s]) => [name, s.command?.join(' ')]);
    expect(roles).toEqual([
      ['web-1', '--role=web'],
      ['web-2', '--role=web'],
      ['worker-1', '--role=worker'],
      ['worker-2', '--role=worker'],
    ]);
    expect(defaultImage(services.proxy?.image)).toMatch(/^caddy:/);
    expect(services.proxy?.ports).toEqual([expect.stringMatching(/:80$/)]);
    const caddyfile = read('deploy/Caddyfile');
    expect(caddyfile).toMatch(/reverse_proxy web-1:3000 web-2:3000/);
    // The proxy keeps /metrics off the public address.
    expect(caddyfile).toMatch(/@metrics path \/metrics\s+respond @metrics 404/);
  });

  it('gives every process a configuration the server accepts, with what several processes must share', () => {
    for (const [name, service] of outpost) {
      const env = resolved(service.environment ?? {});
      expect(() => loadConfig(env), name).not.toThrow();
      const config = loadConfig(env);
      expect(config.databaseUrl, name).toMatch(/@db:5432\//);
      expect(config.trustProxyHops, name).toBe(1);
      expect(config.authSecret, name).toBeDefined();
      expect(config.audit.demoKey, name).toBe(false);
      expect(service.volumes, name).toContain('files:/data/files');
      expect(config.storage, name).toEqual({ kind: 'local', dir: '/data/files' });
    }
    // One definition (the YAML anchor) for all four: the shared secrets cannot drift apart.
    const secrets = outpost.map(([, s]) => [s.environment?.AUTH_SECRET, s.environment?.AUDIT_SIGNING_KEY]);
    expect(new Set(secrets.map((s) => JSON.stringify(s))).size).toBe(1);
  });

  it("stays within PostgreSQL's default max_connections of 100", () => {
    // Per process: statement pool + transaction pool; a worker adds pg-boss's pool (apps/worker/src/boss.ts).
    const pgBoss = Number(/max: (\d+)/.exec(read('apps/worker/src/boss.ts'))?.[1]);
    expect(pgBoss).toBe(4);
    const total = outpost.reduce((sum, [name, s]) => {
      const c = loadConfig(resolved(s.environment ?? {})).databaseConnections;
      return sum + (c.statements ?? 8) + c.transactions + (name.startsWith('worker') ? pgBoss : 0);
    }, 0);
    expect(total).toBe(48);
    // 100 minus superuser_reserved_connections (3), with room for psql, backups and a third web process.
    expect(total).toBeLessThan(97);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  it('is multi-stage on Node 24 and runs as a user other than root', () => {
    const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(nodeImage).toMatch(/^node:24/);
    const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?/gm)].map(
      ([line, image, name]) => [line, image === '${NODE_IMAGE}' ? nodeImage : image, name] as const,
    );
    expect(stages.length).toBeGreaterThanOrEqual(2);
    // Each stage starts from Node 24 or from an earlier stage.
    const names: string[] = [];
    for (const [, image, name] of stages) {
      expect(image!.startsWith('node:24') || names.includes(image!), image).toBe(true);
      if (name) names.push(name);
    }
    expect(dockerfile).toMatch(/npm run build -w @outpost\/portal/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(lastStage).toMatch(/^USER node$/m);
    expect(lastStage).not.toMatch(/^USER root$/m);
  });

  it('copies the manifest of every workspace package before npm ci', () => {
    const workspaces = ['apps', 'packages']
      .flatMap((dir) => readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}`))
      .concat(['db', 'test'])
      .filter((dir) => existsSync(path.join(root, dir, 'package.json')));
    for (const dir of workspaces) expect(dockerfile, dir).toContain(`COPY ${dir}/package.json ${dir}/`);
    // npm ci runs the root postinstall: the script it names must be in the image before it.
    const postinstall = JSON.parse(read('package.json')).scripts.postinstall as string;
    const script = /node (\S+)/.exec(postinstall)?.[1];
    expect(script).toBeDefined();
    const copied = dockerfile.indexOf(`COPY ${script} `);
    expect(copied, script).toBeGreaterThan(-1);
    expect(copied).toBeLessThan(dockerfile.indexOf('RUN npm ci'));
  });
});
