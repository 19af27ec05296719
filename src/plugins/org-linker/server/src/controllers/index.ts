import analysis from './analysis';
import relink from './relink';
import settings from './settings';

export default { analysis, relink, settings };
