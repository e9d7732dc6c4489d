// Collects every audit action and entity type the code can write, by reading the source: each
// call `audit(tx, actor, { action, entityType, … })` in packages/core, packages/auth and the apps.
// A literal (or a choice between literals) is read directly; a value built at run time must be
// listed in `dynamic` below, so a new one fails the label test until someone says what it can be.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contractStatuses, riskAlertEventKinds, riskIncidentEventKinds } from '@outpost/db/schema';
import ts from 'typescript';
import { ownedEntities } from '../src/ownership/ownership.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const sourceDirs = [
  'packages/core/src',
  'packages/auth/src',
  'apps/api/src',
  'apps/bot/src',
  'apps/worker/src',
  'apps/server/src',
  'apps/portal/app',
];

/** Values built at run time, by file and the expression's text. */
const dynamic: Record<string, string[]> = {
  'packages/core/src/risk/timeline.ts action `risk_alert.${kind}`': riskAlertEventKinds.map(
    (k) => `risk_alert.${k}`,
  ),
  'packages/core/src/risk/incidents/timeline.ts action `risk_incident.${kind}`': riskIncidentEventKinds.map(
    (k) => `risk_incident.${k}`,
  ),
  'packages/core/src/ownership/ownership.ts action `${input.entity}.ownership_changed`': ownedEntities.map(
    (e) => `${e}.ownership_changed`,
  ),
  'packages/core/src/ownership/ownership.ts entityType input.entity': [...ownedEntities],
  // The expiry job moves a contract in force to one of the statuses after it in the list.
  'packages/core/src/contracts/expiry.ts action `contract.${next}`': contractStatuses
    .filter((s) => s === 'expiring' || s === 'expired')
    .map((s) => `contract.${s}`),
  'packages/core/src/admission/votes.ts action `application.${decided}`': [
    'application.approved',
    'application.rejected',
  ],
  'packages/core/src/admission/documents.ts action `document.${status}`': [
    'document.accepted',
    'document.rejected',
  ],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'test' && name !== 'testing' && name !== 'build')
        out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

export interface AuditCodes {
  actions: Set<string>;
  entityTypes: Set<string>;
  /** Expressions the scanner could not read and `dynamic` does not list. */
  unresolved: string[];
  /** How many audit calls were read (a guard against the scanner silently finding nothing). */
  calls: number;
}

export function collectAuditCodes(): AuditCodes {
  const codes: AuditCodes = { actions: new Set(), entityTypes: new Set(), unresolved: [], calls: 0 };
  for (const dir of sourceDirs) {
    for (const file of sourceFiles(join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('audit(')) continue;
      const rel = relative(root, file).split('\\').join('/');
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (
          ts.isCallExpression(node) &&
          ts.isIdentifier(node.expression) &&
          node.expression.text === 'audit' &&
          node.arguments.length === 3 &&
          ts.isObjectLiteralExpression(node.arguments[2]!)
        ) {
          codes.calls++;
          const entry = node.arguments[2];
          for (const [prop, into] of [
            ['action', codes.actions],
            ['entityType', codes.entityTypes],
          ] as const) {
            const values = propertyValues(source, rel, entry, prop);
            if (values === null) continue; // no such property: the type checker refuses that
            if (typeof values === 'string') codes.unresolved.push(values);
            else for (const v of values) into.add(v);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return codes;
}

function propertyValues(
  source: ts.SourceFile,
  file: string,
  entry: ts.ObjectLiteralExpression,
  name: string,
): string[] | string | null {
  for (const p of entry.properties) {
    if (!p.name || !ts.isIdentifier(p.name) || p.name.text !== name) continue;
    if (ts.isPropertyAssignment(p)) return valuesOf(source, file, name, p.initializer);
    if (ts.isShorthandPropertyAssignment(p)) return valuesOf(source, file, name, p.name);
  }
  return null;
}

/** The strings an expression can evaluate to, or a description of it when they cannot be read. */
function valuesOf(source: ts.SourceFile, file: string, prop: string, expr: ts.Expression): string[] | string {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isParenthesizedExpression(expr)) return valuesOf(source, file, prop, expr.expression);
  if (ts.isConditionalExpression(expr)) {
    const a = valuesOf(source, file, prop, expr.whenTrue);
    const b = valuesOf(source, file, prop, expr.whenFalse);
    if (typeof a === 'string') return a;
    if (typeof b === 'string') return b;
    return [...a, ...b];
  }
  const key = `${file} ${prop} ${expr.getText(source)}`;
  const listed = dynamic[key];
  if (listed) return listed;
  // A parameter of a local helper (`const entry = (action: string, …) => audit(…, { action })`):
  // the literals its callers in the same file pass.
  if (ts.isIdentifier(expr)) {
    const fromCallers = helperArguments(source, expr);
    if (fromCallers) return fromCallers;
  }
  return key;
}

function helperArguments(source: ts.SourceFile, id: ts.Identifier): string[] | null {
  let fn: ts.Node | undefined = id.parent;
  while (fn && !ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) fn = fn.parent;
  if (!fn || !ts.isVariableDeclaration(fn.parent) || !ts.isIdentifier(fn.parent.name)) return null;
  const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
  if (index < 0) return null;
  const helper = fn.parent.name.text;
  const out: string[] = [];
  let ok = true;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === helper) {
      const arg = node.arguments[index];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) out.push(arg.text);
      else ok = false;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return ok && out.length > 0 ? out : null;
}
