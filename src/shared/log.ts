/**
 * Logs through pino with Elastic's ECS formatter: one JSON object per line with `@timestamp`, `log.level`,
 * `message`, `ecs.version`, `service.name` and the caller's fields in ECS names, never the payload at info
 * level; or the same record as one readable line for a terminal (`text`).
 */
import { ecsFormat } from '@elastic/ecs-pino-format';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'text';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
  readonly level: LogLevel;
}

type Fields = Record<string, unknown>;

/** `service.name` of every line unless a child logger names its own service (a reference system). */
export const SERVICE_NAME = 'ntjp-emulator';

/**
 * ECS field sets a field may belong to as given (`trace.id`, `url.original`, `labels.senderid`). Any other
 * field is the caller's own value and is written as a label (`outbox.id` → `labels.outbox_id`), so that no
 * line carries a top-level key ECS does not define.
 */
const ECS_FIELD_SETS = new Set(['event', 'trace', 'labels', 'service', 'url', 'http', 'error', 'host', 'process', 'client', 'server', 'user', 'file']);

const labelName = (key: string): string => `labels.${key.replace(/\./g, '_')}`;

/** Each field name as written; names are the code's own, so the map stays small. */
const ecsNames = new Map<string, string>();

function ecsName(key: string): string {
  let name = ecsNames.get(key);
  if (name === undefined) {
    const dot = key.indexOf('.');
    name = dot > 0 && ECS_FIELD_SETS.has(key.slice(0, dot)) ? key : labelName(key);
    ecsNames.set(key, name);
  }
  return name;
}

/** Adds the fields in ECS names; `error` (a message or a stack) becomes `error.message` and `error.stack_trace`. */
function addEcsFields(out: Fields, fields: Fields): Fields {
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    if (key === 'error') {
      const text = String(value);
      const lineEnd = text.indexOf('\n');
      out['error.message'] = lineEnd < 0 ? text : text.slice(0, lineEnd);
      if (lineEnd >= 0) out['error.stack_trace'] = text;
    } else {
      out[ecsName(key)] = value;
    }
  }
  return out;
}

/**
 * Fields a text line leaves out: the message already names sender and receiver, and the ECS bookkeeping
 * (version, dataset, routing traces, module labels) is for machines. JSON keeps everything.
 */
const TEXT_OMITS = new Set(['@timestamp', 'log.level', 'message', 'ecs.version', 'event.dataset', 'event.module', 'event.action', 'event.outcome', 'labels.senderid', 'labels.receiverid', 'labels.routerVagvalTrace', 'labels.routerBehorighetTrace', 'labels.originalServiceconsumerHsaid', 'labels.rivversion']);
const NANOS_PER_MS = 1e6;

const textValue = (v: unknown): string => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : typeof v === 'string' ? v : JSON.stringify(v));

/** One ECS record as a terminal line: time, level, module, message, then the fields that add something. */
function textLine(record: Fields): string {
  const module = record['event.module'] ? ` ${String(record['event.module'])}:` : '';
  let rest = '';
  for (const [key, value] of Object.entries(record)) {
    if (TEXT_OMITS.has(key) || (key === 'service.name' && value === SERVICE_NAME)) continue;
    if (key === 'event.duration') rest += ` durationMs=${textValue(Number(value) / NANOS_PER_MS)}`;
    else rest += ` ${key.startsWith('labels.') ? key.slice('labels.'.length) : key}=${textValue(value)}`;
  }
  return `${String(record['@timestamp']).slice(11, 23)} ${String(record['log.level']).toUpperCase().padEnd(5)}${module} ${String(record.message)}${rest}\n`;
}

const DESTINATIONS: Record<LogFormat, (write: (line: string) => void) => DestinationStream> = {
  json: (write) => ({ write }),
  text: (write) => ({ write: (line) => write(textLine(JSON.parse(line) as Fields)) }),
};

interface LoggerSetup {
  level: LogLevel;
  serviceName: string;
  /** written into every line; a field of the call replaces one of these (pino's own bindings could not) */
  bindings: Fields;
  destination: DestinationStream;
}

/**
 * Elastic's formatter gives the level, timestamp and message keys and the static ECS fields, written once per
 * logger; its per-line conversion of `err`, `req` and `res` is left out (addEcsFields maps errors, and it would
 * copy every record once more).
 */
function ecsPino(setup: LoggerSetup): PinoLogger {
  const { formatters, ...options } = ecsFormat({ serviceName: setup.serviceName, apmIntegration: false, convertErr: false });
  return pino({ ...options, formatters: { level: formatters?.level, bindings: formatters?.bindings }, level: setup.level, base: {} }, setup.destination);
}

function buildLogger(setup: LoggerSetup, log = ecsPino(setup)): Logger {
  // The record is filled key by key: a spread copy of it made pino's serializing three times slower.
  const emit =
    (level: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields?: Fields): void =>
      log[level](addEcsFields(addEcsFields({}, setup.bindings), fields ?? {}), msg);
  return {
    level: setup.level,
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => {
      const { 'service.name': serviceName, ...bindings } = fields;
      const child = { ...setup, bindings: { ...setup.bindings, ...bindings } };
      return typeof serviceName === 'string' ? buildLogger({ ...child, serviceName }) : buildLogger(child, log);
    },
  };
}

/** The process's standard output (on Linux written before the call returns, to a file, pipe or terminal). */
const stdoutWrite = (line: string): void => void process.stdout.write(line);

export function createLogger(level: LogLevel = 'info', base: Fields = {}, write: (line: string) => void = stdoutWrite, format: LogFormat = 'json'): Logger {
  const { 'service.name': serviceName, ...bindings } = base;
  return buildLogger({ level, serviceName: typeof serviceName === 'string' ? serviceName : SERVICE_NAME, bindings, destination: DESTINATIONS[format](write) });
}

/** `auto`: text on a terminal, JSON when the output goes to a file, a pipe or a log collector. */
export function logFormatFor(setting: string, isTerminal: boolean): LogFormat {
  if (setting === 'json' || setting === 'text') return setting;
  if (setting === 'auto') return isTerminal ? 'text' : 'json';
  throw new Error(`platform.logFormat must be json, text or auto, not ${JSON.stringify(setting)}`);
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger('silent');
