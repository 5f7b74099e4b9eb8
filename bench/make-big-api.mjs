// Writes a large, seeded .api for the generation benchmark: ROUTES routes in groups of 10 (each group
// with its own @server prefix, half of them behind jwt), request and response types with path, form,
// header and json fields, tags with defaults, options and ranges. Same seed, same bytes.
//   node bench/make-big-api.mjs OUT.api [--seed N] [--routes 100]
import { writeFileSync } from 'node:fs';
import { mulberry32 } from './make-big-proto.mjs';

export function makeBigApi({ seed = 42, routes = 100 } = {}) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const scalars = ['string', 'int', 'int64', 'float64', 'bool', 'uint32'];
  const lines = ['syntax = "v1"', '', 'info (', '\ttitle: "bench"', '\tversion: "1.0"', ')', ''];
  for (let r = 0; r < routes; r += 1) {
    lines.push(`type Req${r} {`, `\tId int64 \`path:"id"\``, `\tPage int \`form:"page,default=1,range=[1:1000]"\``, `\tTrace string \`header:"X-Trace,optional"\``);
    for (let f = 0; f < 4; f += 1) {
      const type = pick(scalars);
      const extra = type === 'string' && random() < 0.3 ? ',options=a|b|c' : random() < 0.3 ? ',optional' : '';
      lines.push(`\tField${f} ${random() < 0.2 ? '[]' : ''}${type} \`json:"field${f}${extra}"\``);
    }
    lines.push('}', '', `type Resp${r} {`, `\tId int64 \`json:"id"\``, `\tItems []Item${r % 10} \`json:"items"\``, `\tTotal int \`json:"total"\``, '}', '');
  }
  for (let i = 0; i < 10; i += 1) lines.push(`type Item${i} {`, `\tName string \`json:"name"\``, `\tScore float64 \`json:"score,optional"\``, '}', '');
  for (let g = 0; g * 10 < routes; g += 1) {
    lines.push('@server (', `\tgroup: group${g}`, `\tprefix: /api/v1/g${g}`, ...(g % 2 === 1 ? ['\tjwt: Auth'] : []), ')', 'service bench-api {');
    for (let r = g * 10; r < Math.min(routes, g * 10 + 10); r += 1) {
      lines.push(`\t@doc "route ${r}"`, `\t@handler route${r}`, `\t${r % 2 === 0 ? 'post' : 'put'} /items${r}/:id (Req${r}) returns (Resp${r})`, '');
    }
    lines.push('}', '');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [out, ...rest] = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? Number(rest[i + 1]) : fallback;
  };
  if (!out) {
    console.error('usage: node bench/make-big-api.mjs OUT.api [--seed N] [--routes 100]');
    process.exit(2);
  }
  writeFileSync(out, makeBigApi({ seed: flag('seed', 42), routes: flag('routes', 100) }));
}
