import { pino, type Logger, type LevelWithSilent } from 'pino';
import { currentRequestId } from './request-context.ts';

export type { Logger } from 'pino';
export type LogLevel = LevelWithSilent;

/**
 * One JSON line per event on stdout (pino), for every process: web, API, Slack bot, worker.
 * `LOG_LEVEL` (debug, info, warn, error, silent) is read when this module loads and can be set
 * again by `configureLogging` once the configuration is validated. `LOG_FORMAT=text` prints a
 * short human line instead (development); it is formatted here, on the main thread — no
 * pino-pretty transport, no worker threads.
 *
 * Lines never hold cookies, tokens or passwords: the access log writes what it chooses
 * (access-log.ts), and the paths below are censored wherever an object carrying them is logged.
 */
const REDACT = [
  'password',
  'token',
  'secret',
  'cookie',
  'authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.cookie',
  '*.authorization',
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

type Sink = { write(line: string): void };
const stdout: Sink = { write: (line) => process.stdout.write(line) };
let sink: Sink = stdout;
let format: 'json' | 'text' = process.env.LOG_FORMAT === 'text' ? 'text' : 'json';

type Tap = (line: Record<string, unknown>) => void;
const taps = new Set<Tap>();

const destination: Sink = {
  write(line) {
    if (taps.size > 0) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      for (const tap of taps) tap(parsed);
    }
    sink.write(format === 'text' ? asText(line) : line);
  },
};

export const logger: Logger = pino(
  {
    // Under test runners only errors are written unless LOG_LEVEL says otherwise.
    level: levelFrom(process.env.LOG_LEVEL ?? (process.env.VITEST ? 'error' : 'info')),
    base: { pid: process.pid },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Whatever runs inside a request (or a job started for one) is tagged with its id.
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  },
  destination,
);

/** A logger for one part of the product: `{"component":"worker",…}`. */
export const loggerFor = (component: string): Logger => logger.child({ component });

export function configureLogging(options: { level?: LogLevel; format?: 'json' | 'text' }): void {
  if (options.level) logger.level = options.level;
  if (options.format) format = options.format;
}

/**
 * Tests: collect the lines (from `level` up, default info) instead of printing them; `restore`
 * puts the output and the level back.
 */
export function captureLogs(level: LogLevel = 'info'): {
  lines: () => Record<string, unknown>[];
  restore: () => void;
} {
  const captured: string[] = [];
  const previous = { sink, format, level: logger.level };
  format = 'json';
  logger.level = level;
  sink = { write: (line) => void captured.push(line) };
  return {
    lines: () => captured.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l)),
    restore: () => {
      sink = previous.sink;
      format = previous.format;
      logger.level = previous.level;
    },
  };
}

/** Tests: see every line written (the console guard fails a test on an unexpected error line). */
export function tapLogs(tap: Tap): () => void {
  taps.add(tap);
  return () => taps.delete(tap);
}

function levelFrom(value: string | undefined): LogLevel {
  const levels: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
  return levels.includes(value as LogLevel) ? (value as LogLevel) : 'info';
}

function asText(line: string): string {
  try {
    const { time, level, msg, component, requestId, pid: _pid, ...rest } = JSON.parse(line);
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    const who = [component, requestId].filter(Boolean).join(' ');
    return `${String(time).slice(11, 19)} ${String(level).toUpperCase().padEnd(5)} ${who ? `[${who}] ` : ''}${msg ?? ''}${extra}\n`;
  } catch {
    return line;
  }
}
