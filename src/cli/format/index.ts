/** The CLI's output helpers, shared by every command. */
export { OUTPUT_FORMATS, defaultFormat, takeFormatFlag, type OutputFormat } from './output-format.js';
export { cellText, columnsOf, renderTable, type Column } from './table.js';
export { renderValue } from './render-value.js';
export { printAnswer, processIo, type CliIo } from './cli-io.js';
export { ProgressLine, type ProgressOptions } from './progress.js';
