import directory from './directory';
import jobs from './jobs';
import linker from './linker';
import mentions from './mentions';
import settings from './settings';
import worker from './worker';

const services = { settings, directory, linker, mentions, jobs, worker };

export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };
export default services;
