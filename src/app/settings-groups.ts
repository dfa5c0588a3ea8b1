/** Every settings group of the platform: `ntjp serve` and the tests load them all at once. */
import type { SettingsGroup } from '../config/settings.js';
import { platformSettings } from '../platform/settings.js';
import { takSettings } from '../tak/settings.js';
import { vpSettings } from '../vp/settings.js';
import { eiSettings } from '../ei/settings.js';
import { agpSettings } from '../agp/settings.js';
import { contractsSettings } from '../contracts/settings.js';
import { consoleSettings } from '../console/settings.js';
import { servicesSettings } from '../services/settings.js';
import { adaptersSettings } from '../adapters/settings.js';

export const SETTINGS_GROUPS: readonly SettingsGroup[] = [platformSettings, takSettings, vpSettings, eiSettings, agpSettings, contractsSettings, adaptersSettings, servicesSettings, consoleSettings];
