// Timing stamps for a view that redraws when the epoch changes (layer and information views):
// each draw sets data-drawn-epoch, data-draw-ms, data-draws and data-drawn-at (wall clock
// ms, performance.timeOrigin + now) on the view's root, plus any `extra` attributes; an
// epoch requested from the view (its slider) sets data-redraw-ms, the time from the request
// to the draw that shows that epoch.
//
//   const clock = redrawClock(root);
//   clock.request(epoch);                         // the slider asks for an epoch
//   clock.stamp(epoch, paintMs, { drawnLayer });  // a draw finished

/** A clock writing the draw timings of a view on its root element (see above). */
export function redrawClock(root) {
  let pending = null;
  let draws = 0;
  return {
    request(epoch) {
      pending = { epoch, t0: performance.now() };
      delete root.dataset.redrawMs;
    },
    stamp(epoch, paintMs, extra = {}) {
      const now = performance.now();
      draws += 1;
      Object.assign(root.dataset, {
        ...extra, drawnEpoch: String(epoch), drawMs: paintMs.toFixed(2), draws: String(draws),
        drawnAt: (performance.timeOrigin + now).toFixed(2),
      });
      if (pending && pending.epoch === epoch) {
        root.dataset.redrawMs = (now - pending.t0).toFixed(2);
        pending = null;
      }
    },
  };
}
