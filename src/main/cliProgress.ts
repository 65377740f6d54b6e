/**
 * A progress bar for long command-line jobs, on stderr (stdout stays for results). On a terminal
 * it redraws one line with the count, the rate and the time left; otherwise (logs, CI) it prints
 * a line about every 10%.
 */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (s: number) => (s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.max(0, Math.round(s))} s`);

/** Starts a progress display for `total` items called `noun`. */
export function progressBar(total: number, noun: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const tty = stream.isTTY === true;
  let lastTenth = -1;
  let lastDraw = 0;
  let done = 0;
  const line = () => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : NaN;
    const pct = total > 0 ? (100 * done) / total : 100;
    return { pct, text: `${fmt(done)} / ${fmt(total)} ${noun} (${pct.toFixed(0)}%), ${fmt(rate)}/s${done < total && Number.isFinite(eta) ? `, ${secs(eta)} left` : `, ${secs(elapsed)}`}` };
  };
  const draw = (force: boolean) => {
    const { pct, text } = line();
    if (tty) {
      const now = performance.now();
      if (!force && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${text}\x1b[K`);
      return;
    }
    const tenth = Math.floor(pct / 10);
    if (tenth > lastTenth || force) {
      lastTenth = tenth;
      stream.write(`${text}\n`);
    }
  };
  return {
    update(n) {
      done = n;
      draw(false);
    },
    finish() {
      draw(!tty ? lastTenth < 10 : true);
      if (tty) stream.write('\n');
    },
  };
}
