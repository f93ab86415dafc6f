/**
 * The report's stylesheet, inlined in its <style> as one line: light and dark through
 * `prefers-color-scheme`, and a print layout.
 */
import { HOLLOW_CLASS } from './svg-plot';

export const REPORT_STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#ffffff;--fg:#1f2328;--muted:#5b6470;--line:#d9dde3;--soft:#eef1f4;--accent:#0b63b6;--pos:#1a7f37;--neg:#b3261e;--notice:#fff4d6;--notice-line:#e0b341}
@media (prefers-color-scheme:dark){:root{--bg:#111317;--card:#181b20;--fg:#e6e8eb;--muted:#9aa3ad;--line:#2d333b;--soft:#20252c;--accent:#6cb4ff;--pos:#57c26b;--neg:#ff7b72;--notice:#3a2f12;--notice-line:#a07d1c}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0;font:15px/1.55 system-ui,sans-serif;-webkit-text-size-adjust:100%}
main{max-width:1120px;margin:0 auto;padding:40px 28px 56px}
h1{font-size:30px;line-height:1.2;margin:4px 0 8px;letter-spacing:-.01em;overflow-wrap:anywhere}
h2{font-size:20px;margin:0 0 12px;letter-spacing:-.005em}
h3{font-size:13px;margin:0 0 8px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
p{margin:0 0 8px}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.eyebrow{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0}
.lede{font-size:16px}
.muted,.meta{color:var(--muted)}
.status{display:inline-block;padding:1px 10px;border-radius:999px;border:1px solid var(--line);font-weight:600;font-size:13px;color:var(--fg);background:var(--soft)}
.status::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;vertical-align:1px;background:var(--muted)}
.status-done::before{background:var(--pos)}.status-failed::before{background:var(--neg)}.status-running::before{background:var(--accent)}
.classes{font-size:13px;color:var(--muted);overflow-wrap:anywhere}
.label{font-weight:600;color:var(--fg);margin-right:4px}
.notice{background:var(--notice);border-left:4px solid var(--notice-line);padding:10px 14px;border-radius:6px;margin:14px 0 0}
header.top{margin-bottom:28px}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:20px 0 0;padding:0;list-style:none}
.facts li{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.facts .k{display:block;font-size:12px;color:var(--muted)}
.facts .v{display:block;font-size:20px;font-weight:600;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.setup{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px;margin-top:16px}
.card,section.block{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 20px}
section.block{margin:0 0 24px}
.fields{margin:0;display:grid;grid-template-columns:1fr;gap:0}
.fields div{display:flex;justify-content:space-between;gap:16px;padding:4px 0;border-bottom:1px solid var(--soft)}
.fields div:last-child{border-bottom:0}
.fields dt{color:var(--muted);font-size:13.5px}.timing dd{white-space:nowrap}
.fields dd{margin:0;text-align:right;font-variant-numeric:tabular-nums;font-size:13.5px;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;margin:0 -4px}
table.data{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums}
table.data caption{caption-side:top;text-align:left;color:var(--muted);font-size:13px;padding:0 4px 10px}
table.data th,table.data td{padding:6px 10px;text-align:left;white-space:nowrap;border-bottom:1px solid var(--soft)}
table.data thead th{font-size:12px;font-weight:600;color:var(--muted);border-bottom:1.5px solid var(--line);vertical-align:bottom;white-space:normal}
table.data .num{text-align:right}
table.data th.method{font-weight:500}
table.data tr.group th{background:var(--soft);font-weight:700;font-size:13px;letter-spacing:.02em;padding-top:8px;padding-bottom:8px}
table.data tr.ipc-start>*{border-top:1.5px solid var(--line)}
table.data tbody tr:hover{background:var(--soft)}
table.data tr.best>*{font-weight:700}
table.data tr.pending td{color:var(--muted)}
table.data tfoot th,table.data tfoot td{border-top:1.5px solid var(--line);border-bottom:0;font-weight:600}
.family{color:var(--muted)}
.star{color:#b07a00;margin-right:5px}
@media (prefers-color-scheme:dark){.star{color:#e3b341}}
.pos{color:var(--pos)}.neg{color:var(--neg)}
.mk{display:inline-block;width:14px;height:14px;margin-right:8px;vertical-align:-2px}.mk svg{display:block}.mk .${HOLLOW_CLASS}{fill:var(--card)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.plots{display:grid;grid-template-columns:1fr;gap:20px}
figure.plot{margin:0;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 16px 12px}
figure.plot svg{display:block;width:100%;height:auto;max-width:920px;margin:0 auto;color:var(--fg)}
figure.plot svg .${HOLLOW_CLASS}{fill:var(--card)}
figcaption{font-size:13px;color:var(--muted);margin:10px auto 0;max-width:920px}
footer{margin-top:32px;font-size:12.5px;color:var(--muted);border-top:1px solid var(--line);padding-top:14px}
@media print{html{background:#fff;color:#000}main{padding:0;max-width:none}.card,section.block,figure.plot,.facts li{border-color:#ccc;break-inside:avoid}table.data tbody tr:hover{background:none}}
`
  .trim()
  .replace(/\n/g, '');
