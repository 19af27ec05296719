import path from 'node:path';
import { describeTranslations } from '../../../../../../tests/helpers/translations';
import en from './en.json';
import zhHans from './zh-Hans.json';

describeTranslations(path.resolve(__dirname, '..'), en, zhHans, 50);
