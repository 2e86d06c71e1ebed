// Opens a journeysim HTML report in headless Chromium (Debian's package) and checks that it
// works: no console error, page error, failed request or dialog; every chart rendered by Vega
// and every journey diagram has a non-zero size. Saves a full-page screenshot.
//
//   node check_report.mjs REPORT.html SCREENSHOT.png [--expect-text TEXT]... [--expect-charts N]
//        [--expect-marked TEXT]... [--width PX] [--scale N] [--top HEIGHT FILE]
//        [--shot SELECTOR FILE]...
//
// --expect-marked: some diagram has a node showing TEXT that is marked as added or changed
// against the base (its mark's words and a thick border in the mark's colour).
//
// --top saves the top HEIGHT pixels of the page to FILE as well; --shot saves the first element
// matching SELECTOR to FILE (both for documentation images).
//
// Exit code 0 when every check passes, 1 otherwise (the reasons on stderr).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = process.env.JOURNEYSIM_CHROMIUM || '/usr/bin/chromium';

function usage() {
  console.error(
    'usage: node check_report.mjs REPORT.html SCREENSHOT.png [--expect-text TEXT]... ' +
      '[--expect-charts N] [--expect-marked TEXT]... [--width PX] [--scale N] [--top HEIGHT FILE] [--shot SELECTOR FILE]...');
  process.exit(2);
}

const positional = [];
const expectTexts = [];
const expectMarked = [];
let expectCharts = null;
let width = 1280;
let scale = 1;
let top = null;
const shots = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  if (argv[i] === '--expect-text' && i + 1 < argv.length) {
    expectTexts.push(argv[++i]);
  } else if (argv[i] === '--expect-marked' && i + 1 < argv.length) {
    expectMarked.push(argv[++i]);
  } else if (argv[i] === '--expect-charts' && i + 1 < argv.length) {
    expectCharts = Number(argv[++i]);
  } else if (argv[i] === '--width' && i + 1 < argv.length) {
    width = Number(argv[++i]);
  } else if (argv[i] === '--scale' && i + 1 < argv.length) {
    scale = Number(argv[++i]);
  } else if (argv[i] === '--top' && i + 2 < argv.length) {
    top = { height: Number(argv[++i]), file: resolve(argv[++i]) };
  } else if (argv[i] === '--shot' && i + 2 < argv.length) {
    shots.push({ selector: argv[++i], file: resolve(argv[++i]) });
  } else if (argv[i].startsWith('--')) {
    usage();
  } else {
    positional.push(argv[i]);
  }
}
if (positional.length !== 2) usage();
const [reportPath, screenshotPath] = positional.map((p) => resolve(p));
if (!existsSync(reportPath)) {
  console.error(`check_report: ${reportPath} does not exist`);
  process.exit(1);
}

const problems = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'journeysim-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width, height: 900 },
    deviceScaleFactor: scale,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('about:')) {
      problems.push(`network request: ${url}`);
    }
  });
  page.on('dialog', async (dialog) => {
    problems.push(`a dialog opened (${dialog.type()}: ${dialog.message()}): a script ran`);
    await dialog.dismiss();
  });

  await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
  // The report's own script counts the charts it embeds and those that rendered.
  await page.waitForFunction(
    () => window.journeysimCharts && window.journeysimCharts.done, null, { timeout: 60000 });
  const status = await page.evaluate(() => window.journeysimCharts);
  if (status.failed.length) {
    problems.push(`charts that failed to render: ${status.failed.join(', ')}`);
  }
  if (expectCharts !== null && status.total !== expectCharts) {
    problems.push(`expected ${expectCharts} charts, the report has ${status.total}`);
  }

  const sizes = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.chart')) {
      const graphic = el.querySelector('svg, canvas');
      const box = graphic ? graphic.getBoundingClientRect() : { width: 0, height: 0 };
      const marks = el.querySelectorAll('svg .mark-rect path, svg .mark-line path, ' +
        'svg .mark-rule line, svg .mark-symbol path, svg .mark-area path, svg .mark-text text');
      out.push({ kind: 'chart', id: el.id, width: box.width, height: box.height,
                 marks: marks.length });
    }
    for (const el of document.querySelectorAll('.diagram')) {
      const graphic = el.querySelector('svg');
      const box = graphic ? graphic.getBoundingClientRect() : { width: 0, height: 0 };
      const nodes = el.querySelectorAll('svg g.node').length;
      out.push({ kind: 'diagram', id: el.id, width: box.width, height: box.height, marks: nodes });
    }
    return out;
  });
  const charts = sizes.filter((s) => s.kind === 'chart');
  if (charts.length !== status.total) {
    problems.push(`${charts.length} chart containers but ${status.total} charts were embedded`);
  }
  for (const s of sizes) {
    if (!(s.width > 0 && s.height > 0)) {
      problems.push(`${s.kind} ${s.id} has no size (${s.width} x ${s.height})`);
    } else if (s.marks === 0) {
      problems.push(`${s.kind} ${s.id} drew nothing`);
    }
  }

  const text = await page.evaluate(() => document.body.innerText);
  for (const expected of expectTexts) {
    if (!text.includes(expected)) problems.push(`the page does not show the text ${expected}`);
  }
  for (const expected of expectMarked) {
    const marked = await page.evaluate((label) => {
      const colours = { '+ added': 'rgb(46, 125, 50)', '\u270e changed': 'rgb(21, 101, 192)' };
      for (const node of document.querySelectorAll('.diagram svg g.node')) {
        const texts = Array.from(node.querySelectorAll('text'), (t) => t.textContent);
        if (!texts.includes(label)) continue;
        for (const [words, colour] of Object.entries(colours)) {
          if (!texts.includes(words)) continue;
          const border = node.querySelector('path, polygon, ellipse');
          const style = border && getComputedStyle(border);
          if (style && style.stroke === colour && parseFloat(style.strokeWidth) >= 3) return true;
        }
      }
      return false;
    }, expected);
    if (!marked) problems.push(`no diagram marks ${expected} as added or changed`);
  }
  if (await page.evaluate(() => window.journeysimInjected !== undefined)) {
    problems.push('a script from the model ran (window.journeysimInjected is set)');
  }

  await page.screenshot({ path: screenshotPath, fullPage: true });
  if (top) {
    await page.screenshot({
      path: top.file, fullPage: true, clip: { x: 0, y: 0, width, height: top.height } });
  }
  for (const shot of shots) {
    const element = page.locator(shot.selector).first();
    if ((await element.count()) === 0) {
      problems.push(`nothing matches ${shot.selector}`);
      continue;
    }
    await element.screenshot({ path: shot.file });
  }
  const diagrams = sizes.filter((s) => s.kind === 'diagram').length;
  console.log(`check_report: ${status.total} charts, ${diagrams} diagrams; screenshot ` +
              `${screenshotPath}`);
} catch (error) {
  problems.push(`${error.message}`);
} finally {
  if (context) await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

if (problems.length) {
  for (const p of problems) console.error(`check_report: ${p}`);
  process.exit(1);
}
