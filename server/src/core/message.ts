/**
 * The one type of what users read: Chinese first, English second. Rule findings, the readers'
 * and writers' refusals (io/), the answers of the custom protocol and the CLI's notices all
 * carry a Message; `localize` picks the one of the user's language.
 */
export type Locale = 'zh' | 'en';

export interface Message {
  zh: string;
  en: string;
}

export function localize(m: Message, locale: Locale | undefined): string {
  return locale === 'en' ? m.en : m.zh;
}
