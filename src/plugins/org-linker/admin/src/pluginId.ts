export { PLUGIN_ID as pluginId } from '../../shared/contracts';
