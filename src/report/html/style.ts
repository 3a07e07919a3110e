// The report's stylesheet: light and dark schemes, one column on a phone, print styles. Inlined in the page.
export const STYLE = `
:root{color-scheme:light dark;--bg:#f6f7f9;--fg:#1c2330;--muted:#5a6474;--card:#fff;--line:#d8dde5;--soft:#eef1f5;
--accent:#3949ab;--blocker:#c62828;--warning:#b45f06;--info:#1e63a8;--ok:#2e7d32;
--c1:#4e79a7;--c2:#f28e2b;--c3:#59a14f;--c4:#b07aa1;--c5:#76b7b2;--c6:#d4a20f;--c7:#e15759;--c8:#9c755f;--muted-bar:#a9b1bd}
@media (prefers-color-scheme:dark){:root{--bg:#11151b;--fg:#e3e7ed;--muted:#9ba6b5;--card:#19202a;--line:#2d3744;--soft:#222b36;
--accent:#8c9eff;--blocker:#ff6b6b;--warning:#f2a53a;--info:#5ea8ff;--ok:#63c46f;--muted-bar:#5b6573}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent)}
main li,main p,main dd,main summary,figcaption{overflow-wrap:anywhere}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
h1,h2,h3{line-height:1.25;margin:0}
h1{font-size:24px}h2{font-size:21px;margin:0 0 12px}h3{font-size:16px}
.wrap{max-width:1180px;margin:0 auto;padding:0 16px}
header.top{background:var(--card);border-bottom:1px solid var(--line)}
header.top .wrap{padding-top:18px;padding-bottom:10px}
.sub{color:var(--muted);margin:4px 0 10px}
nav.toc{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:14px}
nav.toc a{text-decoration:none}
main section[id]{margin:28px 0;scroll-margin-top:8px}
.lead{color:var(--muted);margin:0 0 14px;max-width:80ch}
.kcards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px}
.kcard,.acard,.fgroup,.chartbox,.phase{background:var(--card);border:1px solid var(--line);border-radius:8px}
.kcard{padding:14px 16px}
.kcard h3,.acard h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.kcard p{margin:6px 0}
.big{font-size:22px;font-weight:600}
.big small{font-size:14px;font-weight:400;color:var(--muted)}
.counts{display:flex;flex-wrap:wrap;gap:6px 14px}
.count{text-decoration:none;color:var(--fg)}
.count b{font-size:24px;margin-right:2px}
.count.blocker b,.bad{color:var(--blocker)}.count.warning b,.warn{color:var(--warning)}.count.info b{color:var(--info)}.ok{color:var(--ok)}
.evidence summary{cursor:pointer;color:var(--muted);font-size:14px}
.evidence ul{margin:6px 0 0;padding-left:18px;font-size:14px}
.chartbox{margin:16px 0;padding:12px 16px}
.chartbox figcaption{font-weight:600;margin-bottom:6px;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}
.legend{font-weight:400;font-size:13px;color:var(--muted);display:flex;gap:4px 10px;align-items:center;flex-wrap:wrap}
svg.chart{display:block;width:100%;max-width:440px;height:auto;font-size:12px}
svg.chart .label{fill:var(--fg)}svg.chart .group{fill:var(--fg);font-weight:600}svg.chart .value{fill:var(--muted)}svg.chart .track{fill:var(--soft)}
.tone-blocker{fill:var(--blocker)}.tone-warning{fill:var(--warning)}.tone-info{fill:var(--info)}.tone-ok{fill:var(--ok)}.tone-muted{fill:var(--muted-bar)}
.tone-c1{fill:var(--c1)}.tone-c2{fill:var(--c2)}.tone-c3{fill:var(--c3)}.tone-c4{fill:var(--c4)}.tone-c5{fill:var(--c5)}.tone-c6{fill:var(--c6)}.tone-c7{fill:var(--c7)}.tone-c8{fill:var(--c8)}
.two{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:0 16px}
.small{font-size:13px;color:var(--muted)}
.areas{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px;align-items:start}
main .acard{padding:14px 16px;margin:0}
.acard .scope{color:var(--muted);font-size:13px;margin:2px 0 8px}
.acard .top{list-style:none;margin:8px 0;padding:0;font-size:14px}
.acard .top li{margin:3px 0;display:flex;gap:8px;align-items:baseline}
.acard .top a{flex:1;color:var(--fg);text-decoration:none}.acard .top a:hover{text-decoration:underline}.acard .top .more{color:var(--muted);padding-left:17px}
.acard .plan{font-size:14px;border-top:1px solid var(--line);padding-top:8px;margin:8px 0 0}
.n{color:var(--muted);font-variant-numeric:tabular-nums}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;flex:none}
.dot.blocker,.badge.blocker,.pill.blocker{background:var(--blocker)}.dot.warning,.badge.warning,.pill.warning{background:var(--warning)}.dot.info,.badge.info,.pill.info{background:var(--info)}
.pill,.badge{color:#fff;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600;white-space:nowrap}
@media (prefers-color-scheme:dark){.pill,.badge{color:#11151b}}
.acounts{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
.filters{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:flex-end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.filters legend{font-size:13px;color:var(--muted);padding:0;margin-bottom:4px}
.filters label{font-size:13px;color:var(--muted);display:flex;flex-direction:column;gap:4px}
.filters label.chip{flex-direction:row;align-items:center;gap:6px;color:var(--fg);font-size:14px;border:1px solid var(--line);border-radius:16px;padding:3px 10px;cursor:pointer}
.chip.blocker{border-color:var(--blocker)}.chip.warning{border-color:var(--warning)}.chip.info{border-color:var(--info)}
select,input[type=search],button{font:inherit;font-size:14px;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:5px 8px;max-width:100%}
input[type=search]{width:200px}
button{cursor:pointer}
.showing{margin:10px 0}
.fgroup{margin:12px 0;overflow:hidden}
.ghead{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;padding:10px 14px 10px 30px;background:var(--soft);cursor:pointer;list-style:none;position:relative}
.ghead::-webkit-details-marker{display:none}
.ghead::before{content:"▸";position:absolute;left:12px;top:10px;color:var(--muted)}
.fgroup[open]>.ghead::before{content:"▾"}
.fgroup[open]>.ghead{border-bottom:1px solid var(--line)}
.ghead h3{flex:1 1 300px;font-size:15px}
.gcount{font-variant-numeric:tabular-nums;color:var(--fg)}
.gmeta{font-size:13px;color:var(--muted);width:100%}
.frow{border-bottom:1px solid var(--line)}
.frow:last-child{border-bottom:0}
.frow>summary{cursor:pointer;padding:8px 14px 8px 30px;display:grid;grid-template-columns:minmax(180px,280px) minmax(0,1fr);gap:2px 16px;position:relative;list-style:none}
.frow>summary::-webkit-details-marker{display:none}
.frow>summary::before{content:"▸";position:absolute;left:14px;top:8px;color:var(--muted)}
.frow[open]>summary::before{content:"▾"}
.res,.msg,.fbody{overflow-wrap:anywhere}.res .kind{color:var(--muted);font-size:13px}.res .ns{color:var(--muted)}
.loc{display:block;color:var(--muted);font-size:12px;margin-top:2px}
.fbody{padding:0 14px 10px 30px;font-size:14px;max-width:100ch}
.fbody p{margin:6px 0}
.meta{color:var(--muted);font-size:13px}
.overflow{margin:0;padding:8px 14px;font-size:14px;color:var(--muted);border-top:1px solid var(--line)}
.tscroll{overflow-x:auto;margin:8px 0 16px}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);font-size:14px}
table.narrow{width:auto;min-width:280px}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
thead th{background:var(--soft);font-size:13px;color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total th,tr.total td{font-weight:700}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 12px}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.reasons dt{margin-top:8px}.reasons dd{margin:2px 0 0 0}
.placement{margin:6px 0}.placement summary{cursor:pointer}
ul.cols{columns:2 260px;font-size:14px}
.timeline{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px}
.phase{padding:14px 16px;border-top:4px solid var(--line)}
.phase.done{border-top-color:var(--ok)}.phase.next{border-top-color:var(--accent)}
.phead{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;margin-bottom:6px}
.pnum{width:26px;height:26px;border-radius:50%;background:var(--soft);display:inline-flex;align-items:center;justify-content:center;font-weight:700}
.phase ul{margin:0;padding-left:18px;font-size:14px}.phase li{margin:4px 0}
.errors li{margin:4px 0}
.todo{margin:16px 0}.todo>h3{font-size:17px;margin-bottom:8px}
.steps{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:10px}
.steps>li{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:8px;padding:10px 14px;scroll-margin-top:8px}
.steps>li[data-step=blockers]{border-left-color:var(--blocker)}
.shead{display:flex;gap:8px;align-items:baseline}.shead .tag{display:inline-block;margin-top:2px}
.snum{font-weight:700;color:var(--muted);min-width:1.2em}
.tag{font-size:12px;color:var(--muted);border:1px solid var(--line);border-radius:10px;padding:0 7px;white-space:nowrap}
.steps ul{margin:6px 0 0;padding-left:18px;font-size:14px}.steps ul li{margin:3px 0;overflow-wrap:anywhere}
.asteps{font-size:14px;margin:6px 0}.asteps a{color:var(--fg)}
footer{color:var(--muted);font-size:13px;padding:24px 0 40px}
[hidden]{display:none!important}
@media (max-width:640px){body{font-size:15px}h1{font-size:20px}.chartbox{padding:10px}
.frow>summary{grid-template-columns:minmax(0,1fr);padding-left:28px}
input[type=search]{width:100%}.filters label:not(.chip){flex:1 1 100%}.filters select{width:100%}}
@media print{body{background:#fff;color:#000;font-size:12px}nav.toc,.filters,.showing,#clear-filters{display:none!important}
.kcard,.acard,.fgroup,.chartbox,.phase,.steps>li,table{break-inside:avoid;border-color:#bbb}
details::details-content{content-visibility:visible;display:contents}
.frow>summary::before,.ghead::before{content:none}
*{print-color-adjust:exact;-webkit-print-color-adjust:exact}a{color:inherit;text-decoration:none}}
`;
