/** The console's API for other components and tests. */
export { consoleComponent, createConsoleComponent, type ConsoleApi } from './component.js';
export { consoleSettings } from './settings.js';
export { TARGET_PERCENT } from './availability/report.js';
