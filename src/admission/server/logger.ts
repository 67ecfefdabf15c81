// Structured logs: one JSON object per line on stderr ({"time","level","msg",…fields}), the form
// log collectors in a cluster parse without configuration.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Fields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  enabled(level: LogLevel): boolean;
}

/** `base` fields go on every line (e.g. the worker's number). */
export function createLogger(minimum: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line), base: Fields = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(minimum);
  const log = (level: LogLevel) => (msg: string, fields?: Fields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields })}\n`);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    enabled: (level) => LOG_LEVELS.indexOf(level) >= threshold,
  };
}

/** A logger that drops everything (tests, benchmarks of the decision alone). */
export const SILENT: Logger = createLogger('error', () => undefined);
