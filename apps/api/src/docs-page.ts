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
      const responses = Object.entries(op.responses || {}).map(([code, r]) => '<li><code>' + esc(code) + '</code> ' + esc(r.description) + '</li>').join('');
      html += '<details><summary><span class="m ' + method + '">' + method.toUpperCase() + '</span><code>/api' + esc(path) + '</code> — ' + esc(op.summary) + '</summary>'
        + (params ? '<h4>Parameters</h4><ul>' + params + '</ul>' : '')
        + (body ? '<h4>Request body</h4><pre>' + esc(JSON.stringify(resolve(body), null, 2)) + '</pre>' : '')
        + '<h4>Responses</h4><ul>' + responses + '</ul></details>';
    }
  }
  document.getElementById('ops').innerHTML = html;
});
</script></body></html>`;
}
