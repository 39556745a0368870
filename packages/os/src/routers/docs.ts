import { RouteGroup } from "../http/route-group.js";

/** A self-contained page that loads `/openapi.json` and lets you try each route (no CDN). */
export function docsPage(title: string): string {
  const safeTitle = title.replace(/[<>&"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safeTitle} - API docs</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#fafafa;color:#222}
header{background:#111;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
main{max-width:1000px;margin:0 auto;padding:16px 24px}h2{margin-top:28px;font-size:17px}
details{background:#fff;border:1px solid #ddd;border-radius:6px;margin:6px 0}
summary{cursor:pointer;padding:8px 12px;font-family:ui-monospace,monospace;font-size:14px}
.m{display:inline-block;min-width:64px;font-weight:700}.GET{color:#0a7}.POST{color:#07c}
.DELETE{color:#c33}.PATCH{color:#a60}.PUT{color:#a60}.body{padding:8px 12px;border-top:1px solid #eee}
label{display:block;margin:4px 0;font-size:13px}input{width:60%;padding:3px;font-family:monospace}
pre{background:#111;color:#eee;padding:8px;overflow:auto;max-height:320px;font-size:12px}
button{padding:4px 12px;margin-top:6px}
</style>
</head>
<body>
<header><h1>${safeTitle}</h1><div id="sub">Loading /openapi.json…</div></header>
<main id="root"></main>
<script>
const el=(t,a={},...c)=>{const e=document.createElement(t);Object.assign(e,a);for(const x of c)e.append(x);return e};
fetch("openapi.json").then(r=>r.json()).then(spec=>{
  document.getElementById("sub").textContent=spec.info.version+(spec.info.description?" - "+spec.info.description:"");
  const byTag={};
  for(const [path,ops] of Object.entries(spec.paths))for(const [method,op] of Object.entries(ops))
    (byTag[(op.tags||["Other"])[0]]??=[]).push({path,method:method.toUpperCase(),op});
  const root=document.getElementById("root");
  for(const [tag,ops] of Object.entries(byTag)){
    root.append(el("h2",{textContent:tag}));
    for(const {path,method,op} of ops){
      const d=el("details");const s=el("summary");
      s.append(el("span",{className:"m "+method,textContent:method}),path+"  ",el("small",{textContent:op.summary||""}));
      const body=el("div",{className:"body"});
      if(op.description)body.append(el("p",{textContent:op.description}));
      const inputs=[];
      for(const p of op.parameters||[]){const i=el("input",{placeholder:p.in+(p.required?" (required)":"")});inputs.push({p,i});body.append(el("label",{textContent:p.name+" "},i))}
      const form=op.requestBody?.content?.["multipart/form-data"]?.schema?.properties||{};
      const fields=[];
      for(const [name,sch] of Object.entries(form)){const i=el("input",{type:sch.type==="array"?"file":"text",multiple:sch.type==="array",placeholder:(sch.default!==undefined?"default "+sch.default:sch.description||"")});fields.push({name,i});body.append(el("label",{textContent:name+" "},i))}
      const out=el("pre");const btn=el("button",{textContent:"Send"});
      btn.onclick=async()=>{let url=path;const q=new URLSearchParams();
        for(const {p,i} of inputs){if(!i.value)continue;if(p.in==="path")url=url.replace("{"+p.name+"}",encodeURIComponent(i.value));else q.set(p.name,i.value)}
        const init={method};
        if(fields.length){const fd=new FormData();for(const {name,i} of fields){if(i.type==="file")for(const f of i.files)fd.append(name,f);else if(i.value)fd.append(name,i.value)}init.body=fd}
        out.textContent="…";const r=await fetch(url.replace(/^\\//,"")+(q.size?"?"+q:""),init);
        out.textContent=r.status+" "+r.statusText+"\\n";const reader=r.body.getReader();const dec=new TextDecoder();
        for(;;){const {done,value}=await reader.read();if(done)break;out.textContent+=dec.decode(value)}};
      body.append(btn,out);d.append(s,body);root.append(d);
    }
  }
}).catch(e=>{document.getElementById("sub").textContent="Could not load openapi.json: "+e});
</script>
</body>
</html>`;
}

/** `/openapi.json`, `/docs` and `/redoc` (the same page); left out of the document itself. */
export function docsRoutes(title: string, document: () => Record<string, unknown>): RouteGroup {
  let cached: Record<string, unknown> | undefined;
  const page = docsPage(title);
  return new RouteGroup()
    .add({ method: "GET", path: "/openapi.json", hidden: true }, (c) => {
      cached ??= document();
      return c.json(cached);
    })
    .add({ method: "GET", path: "/docs", hidden: true }, (c) => c.html(page))
    .add({ method: "GET", path: "/redoc", hidden: true }, (c) => c.html(page));
}
