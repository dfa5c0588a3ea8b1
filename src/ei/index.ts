/** The engagement index's public surface for other components. */
export { eiComponent } from './component.js';
export { eiSettings } from './settings.js';
export { openEiStore } from './open-store.js';
export { createEiApi } from './api.js';
export type { EiApi, EiStats, WriteLockStatus } from './api.js';
export type { Engagement, EngagementTransaction } from './fields.js';
export type { FindQuery, CountRow, OutboxEntry } from './store.js';
export { EI_NS } from './namespaces.js';
export { updateXml } from './engagement-xml.js';
