/**
 * The measuring half of scripts/bench-grid.ts, run inside the page. Kept as plain JavaScript
 * text: a function handed to page.evaluate would be serialised after tsx's transform, which may
 * add helpers that do not exist in the page.
 *
 * window.__gridBench.top()  scrolls the grid to the top and waits for its thumbnails.
 * window.__gridBench.run(segments, step, total)  scrolls from top to bottom in `segments` stretches of
 *   `step` px per animation frame, stopping after each until every visible thumbnail has loaded,
 *   and returns the frame intervals while scrolling, the scroll-stop → loaded times, the long
 *   tasks seen and the most <img> elements the document held.
 */

export interface PageRun {
  frames: number[];
  /** ms from each stop until every visible cell shows a decoded image; null if that took > 10 s. */
  settles: (number | null)[];
  longTasks: number[];
  /** The slowest long animation frames (> 50 ms), with what took the time. */
  longFrames: {
    ms: number;
    renderMs: number;
    styleLayoutMs: number;
    scripts: { invoker: string; ms: number }[];
  }[];
  maxImages: number;
  /** The last item's cell shows its image at the end. */
  sawLastImage: boolean;
  scrolledTo: number;
  scrollMax: number;
}

export const PAGE_SCRIPT = String.raw`
window.__gridBench = (() => {
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames (Chromium's LoAF) say where a slow frame went: scripts, style, layout.
  const longFrames = [];
  try {
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        longFrames.push({
          ms: Math.round(f.duration),
          renderMs: Math.round(f.startTime + f.duration - f.renderStart),
          styleLayoutMs: Math.round(f.startTime + f.duration - f.styleAndLayoutStart),
          scripts: f.scripts
            .map((x) => ({ invoker: x.invoker, ms: Math.round(x.duration) }))
            .sort((a, b) => b.ms - a.ms)
            .slice(0, 3),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // not supported: no attribution
  }
  let maxImages = document.images.length;
  new MutationObserver(() => {
    maxImages = Math.max(maxImages, document.images.length);
  }).observe(document.documentElement, { childList: true, subtree: true });

  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const grid = () => {
    const g = document.querySelector('[data-testid="virtual-grid"]');
    if (!g) throw new Error('no virtual grid on the page');
    return g;
  };
  const loaded = (img) => img !== null && img.complete && img.naturalWidth > 0;
  function visibleLoaded(g) {
    const box = g.getBoundingClientRect();
    let seen = 0;
    for (const cell of g.querySelectorAll('[data-testid="grid-cell"]')) {
      const r = cell.getBoundingClientRect();
      if (r.bottom <= box.top || r.top >= box.bottom) continue;
      seen++;
      if (!loaded(cell.querySelector('img'))) return false;
    }
    return seen > 0;
  }
  async function waitLoaded(g, since) {
    while (!visibleLoaded(g)) {
      if (performance.now() - since > 10000) return null;
      await frame();
    }
    return performance.now() - since;
  }
  async function top() {
    const g = grid();
    g.scrollTop = 0;
    await frame();
    return waitLoaded(g, performance.now());
  }
  async function run(segments, step, total) {
    const g = grid();
    longTasks.length = 0;
    longFrames.length = 0;
    maxImages = document.images.length;
    const frames = [];
    const settles = [];
    const max = g.scrollHeight - g.clientHeight;
    let position = g.scrollTop;
    for (let s = 1; s <= segments; s++) {
      const target = Math.round((max * s) / segments);
      // The position is kept here, not read back: reading scrollTop would force a layout in the
      // frame callback, a cost of this loop that a wheel or a scrollbar drag does not have.
      let last = await frame();
      while (position < target) {
        position = Math.min(target, position + step);
        g.scrollTop = position;
        const now = await frame();
        frames.push(now - last);
        last = now;
      }
      settles.push(await waitLoaded(g, performance.now()));
    }
    const lastCell = g.querySelector('[data-index="' + (total - 1) + '"]');
    return {
      frames,
      settles,
      longTasks: [...longTasks],
      longFrames: [...longFrames].sort((a, b) => b.ms - a.ms).slice(0, 3),
      maxImages,
      sawLastImage: lastCell !== null && loaded(lastCell.querySelector('img')),
      scrolledTo: g.scrollTop,
      scrollMax: max,
    };
  }
  return { top, run };
})();
`;
