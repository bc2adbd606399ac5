import pools from "./namePools.json" with { type: "json" };

/** Name and domain pools for realistic, deterministic demo contacts (the lists are data: namePools.json). */
export const FIRST_NAMES: readonly string[] = pools.firstNames;
export const LAST_NAMES: readonly string[] = pools.lastNames;
export const FREE_MAIL_DOMAINS: readonly string[] = pools.freeMailDomains;
export const COMPANY_WORDS: readonly string[] = pools.companyWords;
export const COMPANY_SUFFIXES: readonly string[] = pools.companySuffixes;

/** Lower-case ASCII for email local parts (drops accents and apostrophes). */
export function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();
}

export const FIRST_SLUGS = FIRST_NAMES.map(slug);
export const LAST_SLUGS = LAST_NAMES.map(slug);
export const COMPANY_SLUGS = COMPANY_WORDS.map(slug);
