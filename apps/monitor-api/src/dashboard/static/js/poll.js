// The refresh loop of a view that re-reads the API on a timer.

/**
 * Runs `load(current)` now and every `ms` ms, errors to `onError`, and returns the view's dispose
 * function. `current()` turns false once the view is left, so an answer arriving late draws nothing.
 */
export function poll(load, ms, onError) {
  let disposed = false;
  const current = () => !disposed;
  const run = () => load(current).catch(onError);
  void run();
  const timer = setInterval(run, ms);
  return () => {
    disposed = true;
    clearInterval(timer);
  };
}
