// The browser's life: replaced after N documents, after a crash and after a timeout; closing drains.
// One warm page where the test needs no more: each launch then costs less.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { createRenderer, RendererClosedError, RenderTimeoutError } from '../../workers/documents/renderer.js';
import { pdfText, withName } from './helpers.js';

jest.setTimeout(40_000);

/** Chromium processes started by this process (the browser, not its helpers). */
function browserPids(): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'latin1');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === process.pid && /chrom/i.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('renderer lifecycle', () => {
  it('replaces the browser after N documents', async () => {
    const renderer = createRenderer({ maxDocsPerBrowser: 2, pages: 1 });
    for (const name of ['一号', '二号', '三号', '四号', '五号']) {
      expect(pdfText(await renderer.render('review-summary', withName('review-summary', name)))).toContain(name);
    }
    expect(renderer.stats().browserLaunches).toBe(3);
    await renderer.close();
    expect(browserPids()).toEqual([]);
  });

  it('recovers from a browser crash with the next document', async () => {
    const renderer = createRenderer();
    await renderer.warmUp();
    const [pid] = browserPids();
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const pdf = await renderer.render('review-summary', withName('review-summary', '崩溃之后'));
    expect(pdfText(pdf)).toContain('崩溃之后');
    expect(renderer.stats()).toMatchObject({ browserLaunches: 2, browserFailures: 1 });
    await renderer.close();
  });

  it('gives up a print that exceeds its time limit and starts afresh', async () => {
    const renderer = createRenderer({ timeoutMs: 1, pages: 1 });
    await renderer.warmUp();
    await expect(renderer.render('review-summary', withName('review-summary', '超时'))).rejects.toBeInstanceOf(RenderTimeoutError);
    expect(renderer.stats().browserFailures).toBeGreaterThanOrEqual(1);
    await renderer.close();
    expect(browserPids()).toEqual([]);
  });

  it('finishes accepted documents on close and refuses new ones', async () => {
    const renderer = createRenderer();
    const pending = Promise.all(['甲', '乙', '丙'].map((n) => renderer.render('certificate', withName('certificate', n))));
    await renderer.close();
    expect((await pending).map((pdf) => pdf.length > 0)).toEqual([true, true, true]);
    await expect(renderer.render('certificate', withName('certificate', '丁'))).rejects.toBeInstanceOf(RendererClosedError);
    expect(browserPids()).toEqual([]);
  });

  it('returns a lone document quickly once warm', async () => {
    const renderer = createRenderer();
    await renderer.warmUp();
    await renderer.render('review-summary', withName('review-summary', '预热'));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await renderer.render('review-summary', withName('review-summary', `单份${i}`));
      times.push(performance.now() - t);
    }
    await renderer.close();
    // Generous: the bench measures the real figure; this only catches a lone document left waiting.
    expect(times.sort((a, b) => a - b)[2]).toBeLessThan(2_000);
  });
});
