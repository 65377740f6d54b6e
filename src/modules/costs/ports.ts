/**
 * The costs module's extension point: fee sources. Each source answers the fee lines of one
 * organization (or of the whole platform, `orgId` null). The built-in sources read verification,
 * pay and the API counters (commands/feeSources.ts); another module adds its fees here:
 *
 * - a module above costs in the module order calls `registerFeeSource` in its manifest's
 *   `connect` (account migration's 300 RMB review fee is the case the page already has a type
 *   for: kind `migration`);
 * - a module below costs exports its lister from its `index.ts`, and costs adds it to the
 *   built-in list.
 *
 * Sources are kept per Services instance (tests start several Heralds in one process).
 */
import type { Services } from '../../main/services.js';
import type { FeeLine } from './rules.js';

/** A source of fee lines. */
export interface FeeSource {
  /** The fee type it answers (one of FEE_KINDS, or a new one the page shows by its name). */
  kind: string;
  lines(services: Services, orgId: string | null): Promise<FeeLine[]>;
}

const registered = new WeakMap<Services, FeeSource[]>();

/** Adds a fee source for this instance (a second source of the same kind adds its lines too). */
export function registerFeeSource(services: Services, source: FeeSource): void {
  const list = registered.get(services) ?? [];
  list.push(source);
  registered.set(services, list);
}

/** The fee sources registered for this instance. */
export function registeredFeeSources(services: Services): readonly FeeSource[] {
  return registered.get(services) ?? [];
}
