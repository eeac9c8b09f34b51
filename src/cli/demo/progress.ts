// One progress bar per phase of the seed, on stderr; silent when progress is off.
import cliProgress from 'cli-progress';

export class Progress {
  #bar: cliProgress.SingleBar | null = null;

  constructor(readonly enabled: boolean) {}

  phase(label: string, total: number): void {
    this.stop();
    if (!this.enabled) return;
    this.#bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    this.#bar.start(total, 0);
  }

  tick(by = 1): void {
    this.#bar?.increment(by);
  }

  stop(): void {
    this.#bar?.stop();
    this.#bar = null;
  }
}
