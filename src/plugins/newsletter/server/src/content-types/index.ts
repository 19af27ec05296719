import delivery from './delivery';
import endpoint from './endpoint';
import event from './event';

export default { endpoint, event, delivery };
