import relinkJob from './relink-job';
import state from './state';

export default {
  state,
  'relink-job': relinkJob,
};
