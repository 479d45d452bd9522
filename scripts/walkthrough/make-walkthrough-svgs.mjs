#!/usr/bin/env node
// Draws the walkthrough pictures (media/walkthrough/NN-<slug>.svg: the nine tutorial steps, and
// steps 10 and 11, beyond the tutorial). Run it after changing a
// picture: `node scripts/walkthrough/make-walkthrough-svgs.mjs`. The only words in the pictures
// are names that read the same in English and Korean (peter-01, P0..P3, consumerNN, workerNN, group ids).
//
// Colours are VS Code theme variables with fallbacks. Inlined in a webview (walkthrough media
// "svg", or the simulator) the variables follow the user's theme. Loaded through <img> (an image
// inside a walkthrough markdown page) the variables are not defined, so every picture paints its
// own background and the fallbacks form a dark palette that reads the same on any page.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'media', 'walkthrough');

const C = {
  bg: 'var(--vscode-editor-background, #1f1f1f)',
  fg: 'var(--vscode-foreground, #cccccc)',
  muted: 'var(--vscode-descriptionForeground, #9d9d9d)',
  card: 'var(--vscode-editorWidget-background, #252526)',
  border: 'var(--vscode-contrastBorder, var(--vscode-foreground, #cccccc))',
  blue: 'var(--vscode-charts-blue, #3794ff)',
  orange: 'var(--vscode-charts-orange, #d18616)',
  green: 'var(--vscode-charts-green, #89d185)',
  red: 'var(--vscode-charts-red, #f14c4c)',
  purple: 'var(--vscode-charts-purple, #b180d7)',
  yellow: 'var(--vscode-charts-yellow, #cca700)',
};
const FONT = `font-family="'Segoe UI', -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"`;

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const text = (x, y, s, { size = 10, fill = C.fg, anchor = 'start', weight = 'normal', mono = false } = {}) =>
  `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}" text-anchor="${anchor}" font-weight="${weight}"${mono ? ' font-family="Consolas, \'Courier New\', monospace"' : ''}>${esc(s)}</text>`;

function svg(title, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 250" width="400" height="250" role="img" ${FONT}>
<title>${esc(title)}</title>
<defs>
${['blue', 'red', 'green', 'purple', 'muted', 'orange', 'yellow'].map((k) => `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${C[k]}"/></marker>`).join('\n')}
</defs>
<rect width="400" height="250" rx="10" fill="${C.bg}"/>
<rect x="0.5" y="0.5" width="399" height="249" rx="10" fill="none" stroke="${C.border}" stroke-opacity="0.25"/>
${body}
</svg>
`;
}

/**
 * Topic with partition logs. rows: [{ read, unread, marks?: [{at, color}], fresh?, label?,
 * cells?: {index: colour} (overrides read/unread), locks?: [index] (a padlock on the cell) }]
 */
function topic(x, y, rows, { cells = 12, name = 'peter-01', rowH = 30 } = {}) {
  const out = [];
  const w = cells * 11 + 6;
  const h = rows.length * rowH + 14;
  out.push(`<rect x="${x}" y="${y}" width="${w + 32}" height="${h + 18}" rx="7" fill="none" stroke="${C.fg}" stroke-opacity="0.35"/>`);
  out.push(text(x + 8, y + 13, name, { size: 10.5, weight: '600' }));
  const ends = [];
  rows.forEach((r, i) => {
    const ry = y + 22 + i * rowH;
    out.push(text(x + 8, ry + 13, `P${i}`, { size: 10, fill: r.fresh ? C.green : C.muted, weight: '600' }));
    const lx = x + 26;
    if (r.fresh) out.push(`<rect x="${lx - 3}" y="${ry - 3}" width="${w}" height="24" rx="5" fill="${C.green}" fill-opacity="0.12" stroke="${C.green}" stroke-dasharray="3 2"/>`);
    for (let c = 0; c < cells; c++) {
      const cx = lx + c * 11;
      let fill = null;
      if (r.cells?.[c]) fill = `fill="${r.cells[c]}"`;
      else if (c < r.read) fill = `fill="${C.blue}" fill-opacity="0.35"`;
      else if (c < r.read + r.unread) fill = `fill="${C.orange}"`;
      if (fill) out.push(`<rect x="${cx}" y="${ry}" width="9" height="18" rx="2" ${fill}/>`);
      else out.push(`<rect x="${cx + 0.5}" y="${ry + 0.5}" width="8" height="17" rx="2" fill="none" stroke="${C.fg}" stroke-opacity="0.3"/>`);
      if (r.locks?.includes(c)) out.push(lock(cx + 1, ry + 5, C.bg));
    }
    for (const m of r.marks ?? []) {
      const mx = lx + m.at * 11 - 1;
      out.push(`<path d="M${mx} ${ry - 2}l-4 -5h8z" fill="${m.color}"/><rect x="${mx - 0.75}" y="${ry - 2}" width="1.5" height="22" fill="${m.color}"/>`);
    }
    ends.push({ x: lx + cells * 11 + 2, y: ry + 9 });
  });
  return { svg: out.join('\n'), ends, right: x + w + 32, bottom: y + h + 18 };
}

/** A consumer card; state: active | idle | dead | new | hot. */
function card(x, y, name, state = 'active', { w = 112, h = 28 } = {}) {
  const o = [];
  const stroke = { active: C.fg, idle: C.muted, dead: C.red, new: C.green, hot: C.red }[state];
  const dash = state === 'idle' ? ' stroke-dasharray="4 3"' : '';
  o.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="${C.card}" stroke="${stroke}" stroke-opacity="${state === 'active' ? 0.6 : 1}" stroke-width="${state === 'active' ? 1 : 1.6}"${dash}/>`);
  const dot = { active: C.green, idle: C.muted, dead: C.red, new: C.green, hot: C.orange }[state];
  o.push(`<circle cx="${x + 11}" cy="${y + h / 2}" r="4" fill="${dot}"${state === 'idle' ? ' fill-opacity="0.6"' : ''}/>`);
  o.push(text(x + 21, y + h / 2 + 3.5, name, { size: 10, fill: state === 'idle' || state === 'dead' ? C.muted : C.fg }));
  if (state === 'idle') {
    // pause badge
    const bx = x + w - 13, by = y + h / 2;
    o.push(`<circle cx="${bx}" cy="${by}" r="7.5" fill="none" stroke="${C.muted}" stroke-width="1.4"/><rect x="${bx - 3}" y="${by - 3.5}" width="2" height="7" fill="${C.muted}"/><rect x="${bx + 1}" y="${by - 3.5}" width="2" height="7" fill="${C.muted}"/>`);
  }
  if (state === 'dead') {
    const bx = x + w - 13, by = y + h / 2;
    o.push(`<path d="M${bx - 5} ${by - 5}l10 10M${bx + 5} ${by - 5}l-10 10" stroke="${C.red}" stroke-width="2" stroke-linecap="round"/>`);
  }
  if (state === 'new') {
    const bx = x + w - 13, by = y + h / 2;
    o.push(`<circle cx="${bx}" cy="${by}" r="7.5" fill="${C.green}" fill-opacity="0.2" stroke="${C.green}"/><path d="M${bx - 4} ${by}h8M${bx} ${by - 4}v8" stroke="${C.green}" stroke-width="1.8" stroke-linecap="round"/>`);
  }
  if (state === 'hot') {
    const bx = x + w - 13, by = y + h / 2;
    o.push(`<path d="M${bx} ${by - 7}l7 12.5h-14z" fill="${C.orange}" fill-opacity="0.25" stroke="${C.orange}" stroke-linejoin="round"/><rect x="${bx - 0.8}" y="${by - 3}" width="1.6" height="4.5" fill="${C.orange}"/><rect x="${bx - 0.8}" y="${by + 2.5}" width="1.6" height="1.6" fill="${C.orange}"/>`);
  }
  return { svg: o.join('\n'), left: { x, y: y + h / 2 }, right: { x: x + w, y: y + h / 2 }, x, y, w, h };
}

function group(x, y, w, h, name, color = C.blue) {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8" fill="${color}" fill-opacity="0.06" stroke="${color}" stroke-opacity="0.8" stroke-dasharray="5 3"/>
${text(x + 8, y + 13, name, { size: 9.5, fill: color, weight: '600' })}`;
}

function arrow(a, b, color = 'blue', { dashed = false, width = 1.6, opacity = 1, bend = 0.45 } = {}) {
  const dx = (b.x - a.x) * bend;
  return `<path d="M${a.x} ${a.y}C${a.x + dx} ${a.y} ${b.x - dx} ${b.y} ${b.x - 2} ${b.y}" fill="none" stroke="${C[color]}" stroke-width="${width}" stroke-opacity="${opacity}"${dashed ? ' stroke-dasharray="4 3"' : ''} marker-end="url(#arrow-${color})"/>`;
}

/** Producer glyph: a rounded box with chevrons (more chevrons = faster). */
function producer(x, y, speed = 1, color = C.fg) {
  const o = [`<rect x="${x}" y="${y}" width="26" height="18" rx="5" fill="${C.card}" stroke="${color}" stroke-opacity="0.7"/>`];
  for (let i = 0; i < speed; i++) {
    const cx = x + 7 + i * 5 + (3 - speed) * 2.5;
    o.push(`<path d="M${cx} ${y + 5}l4 4l-4 4" fill="none" stroke="${speed > 1 ? C.orange : color}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>`);
  }
  return o.join('');
}

/** A padlock, 7 wide and 9 high, top-left at (x, y): a record acquired under a lock (share groups). */
function lock(x, y, color = C.purple) {
  return `<path d="M${x + 1.75} ${y + 4}v-1.6a1.75 1.75 0 0 1 3.5 0v1.6" fill="none" stroke="${color}" stroke-width="1.2"/><rect x="${x}" y="${y + 4}" width="7" height="5" rx="1" fill="${color}"/>`;
}

function rebalanceIcon(cx, cy, r = 8, color = C.yellow) {
  return `<g fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round">
<path d="M${cx - r} ${cy}a${r} ${r} 0 0 1 ${r * 1.7} ${-r * 0.5}" marker-end="url(#arrow-yellow)"/>
<path d="M${cx + r} ${cy}a${r} ${r} 0 0 1 ${-r * 1.7} ${r * 0.5}" marker-end="url(#arrow-yellow)"/>
</g>`;
}

function clock(cx, cy, r, fraction, color = C.red) {
  const a = -Math.PI / 2 + fraction * 2 * Math.PI;
  const x = cx + r * Math.cos(a), y = cy + r * Math.sin(a);
  const large = fraction > 0.5 ? 1 : 0;
  return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${C.card}" stroke="${color}" stroke-width="1.6"/>
<path d="M${cx} ${cy}L${cx} ${cy - r}A${r} ${r} 0 ${large} 1 ${x.toFixed(2)} ${y.toFixed(2)}z" fill="${color}" fill-opacity="0.35"/>
<path d="M${cx} ${cy}L${x.toFixed(2)} ${y.toFixed(2)}" stroke="${color}" stroke-width="1.6" stroke-linecap="round"/>
<rect x="${cx - 2.5}" y="${cy - r - 5}" width="5" height="3" rx="1" fill="${color}"/>`;
}

function heartbeat(x, y, w, { broken = false, color = C.green } = {}) {
  if (!broken) return `<path d="M${x} ${y}h${w * 0.3}l3 -7l4 13l3 -6h${w * 0.7 - 10}" fill="none" stroke="${color}" stroke-width="1.5" stroke-linejoin="round"/>`;
  return `<path d="M${x} ${y}h${w * 0.25}l3 -7l4 13l3 -6h4" fill="none" stroke="${C.muted}" stroke-width="1.5" stroke-linejoin="round"/>
<path d="M${x + w * 0.25 + 18} ${y}h${w * 0.75 - 18}" stroke="${C.red}" stroke-width="1.5" stroke-dasharray="2 3"/>`;
}

const pics = {};

// 1. One consumer reads all three partitions.
{
  const t = topic(14, 44, [{ read: 9, unread: 1 }, { read: 10, unread: 1 }, { read: 8, unread: 1 }]);
  const c1 = card(262, 111, 'consumer01');
  pics['01-open-lab'] = svg('consumer01 reads P0, P1 and P2 of peter-01', [
    t.svg,
    producer(88, 14), arrow({ x: 114, y: 23 }, { x: 155, y: 34 }, 'muted', { width: 1.3 }),
    group(248, 78, 140, 96, 'consumer-group-01'),
    c1.svg,
    ...t.ends.map((e) => arrow(e, c1.left, 'blue')),
  ].join('\n'));
}

// 2. The producer speeds up: backlog grows on every partition.
{
  const t = topic(14, 44, [{ read: 4, unread: 5 }, { read: 4, unread: 6 }, { read: 4, unread: 8 }]);
  const c1 = card(262, 111, 'consumer01', 'hot');
  pics['02-lag-grows'] = svg('The producer writes faster than consumer01 reads; unread messages pile up', [
    t.svg,
    producer(88, 14, 3), arrow({ x: 114, y: 23 }, { x: 155, y: 34 }, 'orange', { width: 2.4 }),
    group(248, 78, 140, 96, 'consumer-group-01'),
    c1.svg,
    ...t.ends.map((e) => arrow(e, c1.left, 'blue')),
    // lag trend: rising bars under the group
    ...[0, 1, 2, 3, 4].map((i) => `<rect x="${286 + i * 14}" y="${226 - (i + 1) * 7}" width="9" height="${(i + 1) * 7}" rx="2" fill="${C.orange}" fill-opacity="${0.45 + i * 0.12}"/>`),
    `<path d="M282 227h78" stroke="${C.muted}" stroke-width="1"/>`,
  ].join('\n'));
}

// 3. No group: consumers with assign() read everything and fight over one set of offsets.
{
  const t = topic(14, 44, [
    { read: 7, unread: 3, marks: [{ at: 5, color: C.red }, { at: 7, color: C.red }] },
    { read: 8, unread: 2, marks: [{ at: 6, color: C.red }, { at: 8, color: C.red }] },
    { read: 6, unread: 4, marks: [{ at: 4, color: C.red }, { at: 6, color: C.red }] },
  ]);
  const cs = [card(270, 40, 'consumer01'), card(270, 100, 'consumer02'), card(270, 160, 'consumer03')];
  const body = [t.svg];
  for (const c of cs) for (const e of t.ends) body.push(arrow(e, c.left, 'red', { width: 1.2, opacity: 0.55 }));
  body.push(...cs.map((c) => c.svg));
  // duplicate badges
  for (const c of cs) body.push(`<rect x="${c.x + c.w - 22}" y="${c.y - 8}" width="26" height="14" rx="7" fill="${C.red}"/>${text(c.x + c.w - 9, c.y + 2.5, '×2', { size: 9.5, fill: C.bg, anchor: 'middle', weight: '700' })}`);
  // shared offsets store (cylinder) labelled with the group id every consumer borrows
  const sx = 96, sy = 206;
  body.push(`<ellipse cx="${sx}" cy="${sy}" rx="16" ry="5" fill="${C.card}" stroke="${C.red}"/><path d="M${sx - 16} ${sy}v16a16 5 0 0 0 32 0v-16" fill="${C.card}" stroke="${C.red}"/><ellipse cx="${sx}" cy="${sy}" rx="16" ry="5" fill="none" stroke="${C.red}"/>`);
  body.push(text(sx + 24, sy + 14, 'consumer-group-01', { size: 9.5, fill: C.red, weight: '600' }));
  for (const c of cs) body.push(arrow({ x: c.x, y: c.y + c.h - 4 }, { x: sx + 17, y: sy + 4 }, 'red', { dashed: true, width: 1, opacity: 0.7, bend: 0.3 }));
  pics['03-no-group'] = svg('Three consumers without a group read every partition and overwrite each other\'s committed offsets', body.join('\n'));
}

// 4. Scale out: consumer02 and consumer03 join; one partition each.
{
  const t = topic(14, 44, [{ read: 9, unread: 2 }, { read: 9, unread: 2 }, { read: 10, unread: 1 }]);
  const cs = [card(262, 50, 'consumer01'), card(262, 110, 'consumer02', 'new'), card(262, 170, 'consumer03', 'new')];
  pics['04-scale-out'] = svg('After the rebalance consumer01, consumer02 and consumer03 own P0, P1 and P2', [
    t.svg, producer(88, 14), arrow({ x: 114, y: 23 }, { x: 155, y: 34 }, 'muted', { width: 1.3 }),
    group(248, 22, 140, 190, 'consumer-group-01'),
    rebalanceIcon(226, 30),
    ...cs.map((c) => c.svg),
    ...t.ends.map((e, i) => arrow(e, cs[i].left, 'blue')),
  ].join('\n'));
}

// 5. One too many: consumer04 idle.
{
  const t = topic(14, 44, [{ read: 9, unread: 2 }, { read: 9, unread: 2 }, { read: 10, unread: 1 }]);
  const cs = [card(262, 42, 'consumer01'), card(262, 86, 'consumer02'), card(262, 130, 'consumer03'), card(262, 182, 'consumer04', 'idle')];
  pics['05-idle-consumer'] = svg('consumer04 is a member of the group but owns no partition', [
    t.svg, producer(88, 14), arrow({ x: 114, y: 23 }, { x: 155, y: 34 }, 'muted', { width: 1.3 }),
    group(248, 20, 140, 222, 'consumer-group-01'),
    `<path d="M256 172h124" stroke="${C.muted}" stroke-opacity="0.5" stroke-dasharray="2 3"/>`,
    ...cs.map((c) => c.svg),
    ...t.ends.map((e, i) => arrow(e, cs[i].left, 'blue')),
  ].join('\n'));
}

// 6. Add partitions: P3 appears and goes to consumer04 after the leader's metadata refresh.
{
  const t = topic(14, 30, [{ read: 9, unread: 2 }, { read: 9, unread: 2 }, { read: 10, unread: 1 }, { read: 0, unread: 4, fresh: true }], { rowH: 44 * 0.68 });
  const cs = [card(262, 40, 'consumer01'), card(262, 86, 'consumer02'), card(262, 132, 'consumer03'), card(262, 178, 'consumer04', 'new')];
  pics['06-add-partitions'] = svg('peter-01 grows a fourth partition, P3, and consumer04 gets it', [
    t.svg,
    group(248, 18, 140, 200, 'consumer-group-01'),
    // metadata refresh: a small clock with a circular arrow next to the leader
    clock(222, 26, 8, 0.75, C.yellow),
    ...cs.map((c) => c.svg),
    ...t.ends.slice(0, 3).map((e, i) => arrow(e, cs[i].left, 'blue')),
    arrow(t.ends[3], cs[3].left, 'green', { width: 2 }),
  ].join('\n'));
}

// 7. consumer04 stops heartbeating; after the session timeout range reassigns (consumer01: P0+P1).
{
  const t = topic(14, 30, [{ read: 8, unread: 3 }, { read: 8, unread: 3 }, { read: 10, unread: 1 }, { read: 3, unread: 8 }], { rowH: 44 * 0.68 });
  const cs = [card(262, 40, 'consumer01'), card(262, 86, 'consumer02'), card(262, 132, 'consumer03'), card(262, 186, 'consumer04', 'dead')];
  pics['07-session-timeout'] = svg('consumer04 stops heartbeating; when its session times out, range gives consumer01 P0 and P1, consumer02 P2 and consumer03 P3', [
    t.svg,
    group(248, 18, 140, 206, 'consumer-group-01'),
    ...cs.map((c) => c.svg),
    heartbeat(262, 232, 112, { broken: true }),
    clock(232, 200, 11, 1, C.red),
    arrow(t.ends[0], cs[0].left, 'blue'),
    arrow(t.ends[1], cs[0].left, 'blue'),
    arrow(t.ends[2], cs[1].left, 'blue'),
    arrow(t.ends[3], cs[2].left, 'blue', { width: 2 }),
    arrow(t.ends[3], cs[3].left, 'red', { dashed: true, width: 1.2, opacity: 0.8 }),
  ].join('\n'));
}

// 8. Two groups, one topic, two sets of offsets.
{
  const t = topic(14, 60, [
    { read: 10, unread: 1, marks: [{ at: 10, color: C.blue }, { at: 6, color: C.purple }] },
    { read: 10, unread: 1, marks: [{ at: 10, color: C.blue }, { at: 5, color: C.purple }] },
    { read: 10, unread: 1, marks: [{ at: 10, color: C.blue }, { at: 4, color: C.purple }] },
  ]);
  const g1 = [card(262, 34, 'consumer01', 'active', { h: 22 }), card(262, 62, 'consumer02', 'active', { h: 22 }), card(262, 90, 'consumer03', 'active', { h: 22 })];
  const a1 = card(262, 180, 'analytics01', 'new');
  pics['08-many-groups'] = svg('consumer-group-01 and consumer-group-02 read the same topic, each from its own committed offsets', [
    t.svg, producer(88, 30), arrow({ x: 114, y: 39 }, { x: 155, y: 50 }, 'muted', { width: 1.3 }),
    group(248, 12, 140, 108, 'consumer-group-01', C.blue),
    group(248, 158, 140, 60, 'consumer-group-02', C.purple),
    ...g1.map((c) => c.svg), a1.svg,
    ...t.ends.map((e, i) => arrow(e, g1[i].left, 'blue', { width: 1.4 })),
    ...t.ends.map((e) => arrow(e, a1.left, 'purple', { width: 1.4 })),
  ].join('\n'));
}

// 9. Operate: the describe table and the lag chart point at consumer01; consumer05 restores balance.
{
  const o = [];
  // describe table (before consumer05 joined)
  const tx = 14, ty = 14;
  o.push(`<rect x="${tx}" y="${ty}" width="214" height="118" rx="7" fill="${C.card}" stroke="${C.fg}" stroke-opacity="0.35"/>`);
  o.push(text(tx + 10, ty + 16, 'peter-01', { size: 10, weight: '600', mono: true }));
  const rows = [['P0', 'consumer01', 40, true], ['P1', 'consumer01', 46, true], ['P2', 'consumer02', 10, false], ['P3', 'consumer03', 22, false]];
  rows.forEach(([p, owner, lag, hot], i) => {
    const ry = ty + 26 + i * 22;
    if (hot) o.push(`<rect x="${tx + 4}" y="${ry}" width="206" height="19" rx="4" fill="${C.red}" fill-opacity="0.14"/>`);
    o.push(text(tx + 10, ry + 13.5, p, { size: 10, mono: true, fill: C.muted }));
    o.push(`<rect x="${tx + 34}" y="${ry + 5}" width="${lag}" height="9" rx="2" fill="${C.orange}"/>`);
    o.push(text(tx + 138, ry + 13.5, owner, { size: 10, mono: true, fill: hot ? C.red : C.fg, anchor: 'middle' }));
    if (hot) o.push(`<path d="M${tx + 190} ${ry + 14}l5 -8l5 8z" fill="${C.red}"/>`);
  });
  // lag chart: rising until the join, then much flatter
  const cx = 14, cy = 144, cw = 214, ch = 92;
  o.push(`<rect x="${cx}" y="${cy}" width="${cw}" height="${ch}" rx="7" fill="${C.card}" stroke="${C.fg}" stroke-opacity="0.35"/>`);
  o.push(`<path d="M${cx + 12} ${cy + ch - 12}h${cw - 24}M${cx + 12} ${cy + 12}v${ch - 24}" stroke="${C.muted}" stroke-width="1"/>`);
  const join = cx + 104;
  o.push(`<path d="M${join} ${cy + 10}v${ch - 22}" stroke="${C.green}" stroke-dasharray="3 3"/>`);
  o.push(`<circle cx="${join}" cy="${cy + 14}" r="6" fill="${C.green}" fill-opacity="0.2" stroke="${C.green}"/><path d="M${join - 3} ${cy + 14}h6M${join} ${cy + 11}v6" stroke="${C.green}" stroke-width="1.5" stroke-linecap="round"/>`);
  o.push(`<path d="M${cx + 14} ${cy + ch - 16}L${cx + 40} ${cy + ch - 30}L${cx + 64} ${cy + ch - 44}L${cx + 86} ${cy + ch - 56}L${join} ${cy + 30}L${join + 10} ${cy + 36}L${join + 40} ${cy + 34}L${join + 70} ${cy + 31}L${cx + cw - 14} ${cy + 27}" fill="none" stroke="${C.orange}" stroke-width="2" stroke-linejoin="round"/>`);
  // the group after the rebalance
  const cw9 = { w: 128 };
  const cs = [card(256, 46, 'consumer01', 'active', cw9), card(256, 92, 'consumer02', 'active', cw9), card(256, 138, 'consumer03', 'active', cw9), card(256, 184, 'consumer05', 'new', cw9)];
  o.push(group(250, 20, 138, 204, 'consumer-group-01'));
  o.push(rebalanceIcon(238, 150));
  o.push(...cs.map((c) => c.svg));
  cs.forEach((c, i) => o.push(text(c.x + c.w - 28, c.y + 18, `P${i}`, { size: 9.5, fill: C.blue, anchor: 'middle', weight: '600' })));
  o.push(arrow({ x: 230, y: 70 }, { x: 256, y: 60 }, 'red', { width: 1.4, opacity: 0.8 }));
  pics['09-operate'] = svg('The describe table and lag chart show consumer01 overloaded with P0 and P1; after consumer05 joins each consumer owns one partition', o.join('\n'));
}

// 10. KIP-848: consumer01 keeps P0 and never stops; P1 and P2 are released, then picked up by their new
// owners at their next heartbeat. Below, a timeline per partition: only P1 and P2 pause.
{
  const t = topic(14, 44, [{ read: 9, unread: 2 }, { read: 9, unread: 2 }, { read: 9, unread: 2 }]);
  const cs = [card(262, 44, 'consumer01'), card(262, 100, 'consumer02', 'new'), card(262, 156, 'consumer03', 'new')];
  const o = [
    t.svg, producer(88, 14), arrow({ x: 114, y: 23 }, { x: 155, y: 34 }, 'muted', { width: 1.3 }),
    group(248, 22, 140, 206, 'consumer-group-01'),
    ...cs.map((c) => c.svg),
    // heartbeats of the new members: the hand-over happens on the next one
    heartbeat(264, 138, 108), heartbeat(264, 194, 108),
    // released by consumer01 (revoked first, offsets committed)
    arrow(t.ends[1], { x: cs[0].left.x, y: cs[0].left.y + 5 }, 'muted', { dashed: true, width: 1.1, opacity: 0.7 }),
    arrow(t.ends[2], { x: cs[0].left.x, y: cs[0].left.y + 10 }, 'muted', { dashed: true, width: 1.1, opacity: 0.7 }),
    // P0 never changes owner; P1 and P2 go to their new owners
    arrow(t.ends[0], { x: cs[0].left.x, y: cs[0].left.y - 4 }, 'blue', { width: 2.2 }),
    arrow(t.ends[2], cs[1].left, 'green', { width: 2 }),
    arrow(t.ends[1], cs[2].left, 'green', { width: 2 }),
  ];
  // timeline: one lane per partition, owner over time; the join at the dashed line
  const lx = 40, lw = 186, join = lx + 74, gap = 36;
  o.push(`<path d="M${join} 176v60" stroke="${C.yellow}" stroke-dasharray="3 3"/>`);
  ['P0', 'P1', 'P2'].forEach((p, i) => {
    const y = 182 + i * 18;
    o.push(text(lx - 22, y + 9, p, { size: 10, fill: C.muted, weight: '600' }));
    if (i === 0) {
      o.push(`<rect x="${lx}" y="${y}" width="${lw}" height="11" rx="3" fill="${C.blue}"/>`);
    } else {
      o.push(`<rect x="${lx}" y="${y}" width="${join - lx}" height="11" rx="3" fill="${C.blue}"/>`);
      o.push(`<rect x="${join + 1.5}" y="${y + 0.5}" width="${gap - 3}" height="10" rx="3" fill="none" stroke="${C.muted}" stroke-dasharray="2 2"/>`);
      o.push(`<rect x="${join + gap}" y="${y}" width="${lx + lw - join - gap}" height="11" rx="3" fill="${C.green}"/>`);
    }
  });
  pics['10-no-stop-the-world'] = svg('KIP-848: consumer01 keeps P0 and never stops reading it; it releases P1 and P2, which consumer03 and consumer02 pick up at their next heartbeat', o.join('\n'));
}

// 11. The same topic, two groups: consumer-group-01 has an idle fourth consumer; in share-group-01 all
// four workers are busy, each holding records under a lock.
{
  const P = C.purple;
  const t = topic(14, 62, [
    { read: 8, unread: 3, cells: { 8: P, 9: P }, locks: [8, 9] },
    { read: 8, unread: 3, cells: { 9: P, 10: P }, locks: [9, 10] },
    { read: 7, unread: 4, cells: { 7: P, 8: P, 10: P }, locks: [7, 8, 10] },
  ]);
  const small = { h: 20 };
  const cg = ['consumer01', 'consumer02', 'consumer03'].map((n, i) => card(262, 26 + i * 24, n, 'active', small));
  const idle = card(262, 98, 'consumer04', 'idle', small);
  const sg = ['worker01', 'worker02', 'worker03', 'worker04'].map((n, i) => card(262, 148 + i * 24, n, 'active', small));
  const o = [
    t.svg, producer(88, 32), arrow({ x: 114, y: 41 }, { x: 155, y: 52 }, 'muted', { width: 1.3 }),
    group(248, 8, 140, 116, 'consumer-group-01', C.blue),
    group(248, 130, 140, 112, 'share-group-01', P),
    ...cg.map((c) => c.svg), idle.svg, ...sg.map((c) => c.svg),
    ...t.ends.map((e, i) => arrow({ x: e.x, y: e.y - 3 }, cg[i].left, 'blue', { width: 1.4 })),
  ];
  // the simple assignor's epoch 4: P0 → worker01, worker02; P1 → worker03, worker04; P2 → worker01, worker03
  const share = [[0, 0], [0, 1], [1, 2], [1, 3], [2, 0], [2, 2]];
  for (const [p, w] of share) o.push(arrow({ x: t.ends[p].x, y: t.ends[p].y + 3 }, sg[w].left, 'purple', { width: 1.2, opacity: 0.85 }));
  // a lock beside each worker: it holds acquired records
  for (const c of sg) o.push(lock(c.x + c.w - 16, c.y + 5.5, P));
  pics['11-more-consumers-than-partitions'] = svg('Four consumers in consumer-group-01: consumer04 idle; four in share-group-01: all busy, each holding records under a lock', o.join('\n'));
}

for (const [name, content] of Object.entries(pics)) {
  writeFileSync(join(OUT, `${name}.svg`), content);
  console.log(`wrote media/walkthrough/${name}.svg`);
}
