import deliveries from './deliveries';
import endpoints from './endpoints';

export const controllers = { endpoints, deliveries };
