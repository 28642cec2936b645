import { l10n } from './plugin.ts'

export default l10n
export { BACKEND_ID, RESOLVED_BACKEND_ID } from './backend.ts'
export { DASHBOARD_EVENT, DASHBOARD_ROUTE, TOKEN_HEADER } from './dashboard.ts'
export type { L10nPluginOptions, ResolvedL10nPluginOptions } from './options.ts'
export { PLUGIN_DEFAULTS, resolvePluginOptions } from './options.ts'
export { l10n, STATUS_ROUTE, UPDATE_EVENT } from './plugin.ts'
export { RESOLVED_VIRTUAL_ID, VIRTUAL_ID } from './virtual.ts'
