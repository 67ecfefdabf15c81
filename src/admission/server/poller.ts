// Runs a check every interval without keeping the process alive: the certificate and
// namespaces files are polled (Kubernetes swaps mounted files by symlink, which watchers miss).

export class Poller {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly check: () => unknown) {}

  /** Checks every `intervalMs`; 0 never (the owner calls its check itself, e.g. on SIGHUP). */
  start(intervalMs: number): void {
    this.stop();
    if (intervalMs > 0) {
      this.timer = setInterval(this.check, intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
