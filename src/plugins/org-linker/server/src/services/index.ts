import articles from './articles';
import directory from './directory';
import jobs from './jobs';
import linker from './linker';
import mentions from './mentions';
import relink from './relink';
import settings from './settings';
import worker from './worker';

const services = { settings, directory, linker, articles, mentions, relink, jobs, worker };

export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };
export default services;
