import { createHash } from 'node:crypto';

/**
 * A readable API reference rendered in the browser from /api/openapi.json. It is
 * self-contained on purpose: the usual viewers load their code from a CDN, which
 * an insurer's locked-down network (and our offline CI) cannot reach.
 */
export function docsPage(specUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Outpost API reference</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1a1a2e;background:#f7f7fb}
main{max-width:960px;margin:0 auto;padding:24px}
h1{margin:0 0 4px}h2{margin-top:32px;border-bottom:2px solid #dde;padding-bottom:4px}
details{background:#fff;border:1px solid #dde;border-radius:8px;margin:8px 0;padding:8px 12px}
summary{cursor:pointer;font-weight:600}
.m{display:inline-block;min-width:64px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px;margin-right:8px}
.get{background:#2a7ade}.post{background:#1f8a4c}.put,.patch{background:#b7791f}.delete{background:#c53030}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
pre{background:#f0f0f6;padding:8px;border-radius:6px;overflow:auto}
</style></head>
<body><main>
<h1>Outpost API</h1>
<p id="desc">Loading the OpenAPI document…</p>
<p>Machine-readable: <a href="${specUrl}">${specUrl}</a> (OpenAPI 3.1)</p>
<h2 id="authentication">Authentication</h2>
<p><strong>Partner systems</strong> send an API key in the <code>Authorization</code> header of every request:</p>
<pre>Authorization: Bearer opk_&lt;id&gt;_&lt;secret&gt;</pre>
<p>A partner administrator creates keys in the portal under <em>API keys</em> (the key is shown once) and gives each a purpose:
<code>documents</code> (read and upload qualification documents) or <code>events</code> (send service events, read KPI definitions).
<code>GET /api/v1/me</code> tells you which organisation and purposes a key has.</p>
<p><strong>People</strong> sign in with <code>POST /api/v1/sessions</code> (e-mail and password) and send the <code>outpost_session</code> cookie it sets.
Each operation below says what it accepts. Without credentials the answer is <code>401 unauthenticated</code> with
<code>details.accepts</code> naming them; an API key on an endpoint for people answers <code>403</code>.</p>
<h2 id="examples">Examples</h2>
<h3>Send service events</h3>
<pre>curl -X POST https://outpost.example.com/api/v1/events \\
  -H 'Authorization: Bearer opk_&lt;id&gt;_&lt;secret&gt;' \\
  -H 'Content-Type: application/json' \\
  -d '{"events":[{"externalId":"case-1001-closed","type":"case_closed","occurredAt":"2026-07-01T09:30:00+08:00","caseId":"1001","slaDueAt":"2026-07-02T09:30:00+08:00"}]}'</pre>
<p>All or nothing; retrying a batch is safe (an <code>externalId</code> already received counts under <code>duplicates</code>).</p>
<h3>Upload a qualification document</h3>
<pre>curl -X POST https://outpost.example.com/api/v1/documents \\
  -H 'Authorization: Bearer opk_&lt;id&gt;_&lt;secret&gt;' \\
  -F requirementId=&lt;id from GET /api/v1/requirements&gt; \\
  -F expiryDate=2028-06-30 \\
  -F file=@business-licence.pdf</pre>
<h3>Errors</h3>
<p>Every error has the shape <code>{ "error": { "code", "message", "requestId", "details" } }</code>; validation errors name each field in
<code>details.fields</code> as <code>{ "path", "message" }</code>. Quote the <code>requestId</code> (also in the <code>X-Request-Id</code> header) when reporting a problem.</p>
<pre>{"error":{"code":"validation_failed","message":"Some fields are not valid; see details.","requestId":"3f1c…","details":{"fields":[{"path":"events.0.rating","message":"Too big: expected number to be &lt;=5"}]}}}</pre>
<div id="ops"></div>
</main>
<script>
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
fetch(${JSON.stringify(specUrl)}).then((r) => r.json()).then((spec) => {
  document.getElementById('desc').textContent = spec.info.description || '';
  const byTag = {};
  for (const [path, ops] of Object.entries(spec.paths || {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags || ['Other'])[0];
      (byTag[tag] ||= []).push({ path, method, op });
    }
  }
  const resolve = (schema) => schema && schema.$ref ? spec.components.schemas[schema.$ref.split('/').pop()] : schema;
  let html = '';
  for (const [tag, ops] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of ops) {
      const params = (op.parameters || []).map((p) => '<li><code>' + esc(p.name) + '</code> (' + esc(p.in) + (p.required ? ', required' : '') + ')</li>').join('');
      const body = op.requestBody?.content?.['application/json']?.schema;
      const accepts = (op.security || []).map((s) => Object.entries(s).map(([name, scopes]) => name === 'apiKey' ? 'API key' + (scopes.length ? ' (' + scopes.join(' or ') + ')' : '') : 'session').join(' + ')).join(' or ') || 'no credentials';
      const responses = Object.entries(op.responses || {}).map(([code, r]) => '<li><code>' + esc(code) + '</code> ' + esc(r.description) + '</li>').join('');
      html += '<details><summary><span class="m ' + method + '">' + method.toUpperCase() + '</span><code>/api' + esc(path) + '</code> — ' + esc(op.summary) + '</summary>'
        + '<p><strong>Accepts:</strong> ' + esc(accepts) + '</p>'
        + (params ? '<h4>Parameters</h4><ul>' + params + '</ul>' : '')
        + (body ? '<h4>Request body</h4><pre>' + esc(JSON.stringify(resolve(body), null, 2)) + '</pre>' : '')
        + '<h4>Responses</h4><ul>' + responses + '</ul></details>';
    }
  }
  document.getElementById('ops').innerHTML = html;
});
</script></body></html>`;
}

/**
 * The docs page's own Content-Security-Policy: its one inline script and style are allowed by
 * their SHA-256 (so it needs no nonce from the server), it may fetch only our OpenAPI document,
 * and nobody may frame it. The server's root middleware adds nosniff and the other headers.
 */
export function docsPagePolicy(html: string): string {
  const hashes = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))]
      .map(
        (m) =>
          `'sha256-${createHash('sha256')
            .update(m[1] ?? '')
            .digest('base64')}'`,
      )
      .join(' ');
  return [
    "default-src 'none'",
    `script-src ${hashes('script')}`,
    `style-src ${hashes('style')}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
