import { chromium } from 'playwright-core';
const [file, out, y, h, w] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(w || 1280), height: 900 } });
await p.goto('file://' + file);
await p.waitForFunction(() => window.journeysimCharts && window.journeysimCharts.done);
const dims = await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight,
  Array.from(document.querySelectorAll('*')).filter(e => e.getBoundingClientRect().right > 1285).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))]);
console.log(JSON.stringify(dims));
await p.screenshot({ path: out, fullPage: true, clip: { x: 0, y: Number(y), width: Number(w || 1280), height: Number(h) } });
await b.close();
