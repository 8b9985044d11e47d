/**
 * Profiles: which statement year a target follows, as a set of capabilities and a
 * strictness. A capability switches on the scenarios tagged with its name (`@concurrency`,
 * `@hftp-2026`, ...); scenarios of a capability that is off are skipped, not failed.
 */
export const CAPABILITIES = ['concurrency', 'hftp-2026', 'internal-error', 'error-limit', 'ascii-check'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** What each capability adds to the protocol (docs/PROTOCOL.md's capability table). */
export const CAPABILITY_MEANING: Readonly<Record<Capability, string>> = {
  concurrency: 'several clients are served at the same time (the statements since 2024)',
  'hftp-2026': 'the 2026 revision: the `help` command, raw slices, and 101 for an empty line',
  'internal-error': 'a failure inside the server (a file it cannot read) gets 199, then close',
  'error-limit': 'after MAX_ERRORS error answers on one connection, the server answers 101 and closes',
  'ascii-check': 'a request with a byte above 0x7f gets 101, then close',
};

export interface Profile {
  name: string;
  description: string;
  capabilities: readonly Capability[];
  /** Should rules fail (instead of warning). */
  strict: boolean;
  /** Run the scenarios that check the reference server's own choices (@reference). */
  reference: boolean;
}

export const PROFILES: Readonly<Record<string, Profile>> = {
  'course-2021': {
    name: 'course-2021',
    description: 'the statements of 2021 to 2023: must rules, one client at a time allowed',
    capabilities: [],
    strict: false,
    reference: false,
  },
  'course-2024': {
    name: 'course-2024',
    description: 'the statements of 2024 and 2025: must rules, several clients at once',
    capabilities: ['concurrency'],
    strict: false,
    reference: false,
  },
  'course-2026': {
    name: 'course-2026',
    description: 'the 2026 kickstart: course-2024 plus help, raw slices, 101 for an empty line, 199',
    capabilities: ['concurrency', 'hftp-2026', 'internal-error'],
    strict: false,
    reference: false,
  },
  reference: {
    name: 'reference',
    description: "everything, strict, and the reference server's own choices",
    capabilities: [...CAPABILITIES],
    strict: true,
    reference: true,
  },
};

export const DEFAULT_PROFILE = 'course-2024';

export function isCapability(name: string): name is Capability {
  return (CAPABILITIES as readonly string[]).includes(name);
}

/**
 * The capabilities a scenario's tags name: those it needs (`@concurrency`), and those it is
 * about the absence of (`@without-ascii-check`: it runs only where that one is off). The one
 * reading, for the run's skips (step-definitions/support/hooks.ts) and the document.
 */
export function capabilitiesOfTags(tags: readonly string[]): { needs: Capability[]; without: Capability[] } {
  const named = (prefix: string): Capability[] => {
    const names = tags.flatMap((tag) => {
      const name = tag.slice(prefix.length);
      return tag.startsWith(prefix) && isCapability(name) ? [name] : [];
    });
    return [...new Set(names)];
  };
  return { needs: named('@'), without: named('@without-') };
}

/**
 * Why a scenario does not run where the capabilities `on` are in force, or null when it runs:
 * it needs one that is off, or it is about the absence of one that is on. The one decision,
 * for the run's skips (step-definitions/support/hooks.ts) and the document's profile columns.
 */
export function skipReason(capabilities: { needs: readonly string[]; without: readonly string[] }, on: readonly string[]): string | null {
  const off = capabilities.needs.find((capability) => !on.includes(capability));
  if (off) return `capability "${off}" is off in this run`;
  const present = capabilities.without.find((capability) => on.includes(capability));
  if (present) return `this scenario is for servers without "${present}"`;
  return null;
}

/** The capabilities in force: the profile's, plus `with`, minus `without`. */
export function resolveCapabilities(profile: Profile, withCaps: readonly string[] = [], withoutCaps: readonly string[] = []): Capability[] {
  for (const name of [...withCaps, ...withoutCaps]) {
    if (!isCapability(name)) throw new Error(`unknown capability "${name}" (known: ${CAPABILITIES.join(', ')})`);
  }
  return CAPABILITIES.filter((cap) => (profile.capabilities.includes(cap) || withCaps.includes(cap)) && !withoutCaps.includes(cap));
}
