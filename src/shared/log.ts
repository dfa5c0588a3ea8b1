/**
 * One JSON object per line (ECS-like field names), never the payload at info level; or the
 * same record as one readable line for a terminal (`text`).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'text';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
  readonly level: LogLevel;
}

type Fields = Record<string, unknown>;

/**
 * Fields a text line leaves out: the message already names sender and receiver, and the ECS duplicates
 * (nanosecond duration, routing traces, module labels) are for machines. JSON keeps everything.
 */
const TEXT_OMITS = new Set(['@timestamp', 'log.level', 'message', 'event.module', 'event.action', 'event.duration', 'labels.senderid', 'labels.receiverid', 'labels.routerVagvalTrace', 'labels.routerBehorighetTrace', 'labels.originalServiceconsumerHsaid', 'labels.rivversion']);

const FORMATS: Record<LogFormat, (time: Date, level: LogLevel, msg: string, fields: Fields) => string> = {
  json: (time, level, msg, fields) => JSON.stringify({ '@timestamp': time.toISOString(), 'log.level': level, message: msg, ...fields }),
  text: (time, level, msg, fields) => {
    const module = fields['event.module'] ? ` ${String(fields['event.module'])}:` : '';
    const rest = Object.entries(fields)
      .filter(([k, v]) => v !== undefined && !TEXT_OMITS.has(k))
      .map(([k, v]) => ` ${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('');
    return `${time.toISOString().slice(11, 23)} ${level.toUpperCase().padEnd(5)}${module} ${msg}${rest}`;
  },
};

export function createLogger(
  level: LogLevel = 'info',
  base: Fields = {},
  write: (line: string) => void = (l) => process.stdout.write(l),
  format: LogFormat = 'json',
): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: Fields): void => {
    if (RANK[lvl] < RANK[level]) return;
    write(FORMATS[format](new Date(), lvl, msg, { ...base, ...fields }) + '\n');
  };
  return {
    level,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, write, format),
  };
}

/** `auto`: text on a terminal, JSON when the output goes to a file, a pipe or a log collector. */
export function logFormatFor(setting: string, isTerminal: boolean): LogFormat {
  if (setting === 'json' || setting === 'text') return setting;
  if (setting === 'auto') return isTerminal ? 'text' : 'json';
  throw new Error(`platform.logFormat must be json, text or auto, not ${JSON.stringify(setting)}`);
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger('silent');
