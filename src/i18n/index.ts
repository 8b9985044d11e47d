import { en, type Messages } from './en';
import { es } from './es';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['es', 'en'];
export const MESSAGES: Record<Lang, Messages> = { en: en as unknown as Messages, es };

/** The language of the environment's locale: LC_ALL, then LC_MESSAGES, then LANG (POSIX order); es* gives Spanish. */
export function langFromEnvironment(env: NodeJS.ProcessEnv = process.env): Lang {
  if (env.HFTP_LANG === 'es' || env.HFTP_LANG === 'en') return env.HFTP_LANG;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^es([_.@-]|$)/i.test(locale) ? 'es' : 'en';
}

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'es';
}

/** The messages of one language. */
export function messages(lang: Lang = 'en'): Messages {
  return MESSAGES[lang];
}
