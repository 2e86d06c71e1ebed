import { chromium } from 'playwright-core';
const [file, out, sel, w] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(w || 1280), height: 900 }, deviceScaleFactor: 1.5 });
await p.goto('file://' + file);
await p.waitForFunction(() => window.journeysimCharts && window.journeysimCharts.done);
await p.locator(sel).first().screenshot({ path: out });
await b.close();
