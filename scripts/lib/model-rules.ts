/**
 * Build-time proof of the model rules: a rule must take every real example it lists, none of the other makers'
 * codes it lists as collisions, and no example of another vendor's rule (one code, one maker). The engine tests a
 * code token as a whole ("^(?:pattern)$", on normalised text), and so does this.
 */
import { normaliseTerm } from '../../lib/engine/normalise';
import { examplesProblem } from '../../lib/watchlist/own-patterns';
import type { ModelRule, Vendor } from '../../lib/watchlist/schema';

const anchored = (rule: ModelRule) => new RegExp(`^(?:${rule.pattern})$`, 'i');

/** What is wrong with a rule on its own examples and collisions, or undefined (shared with own entries' check). */
export const ruleProblem = (rule: ModelRule): string | undefined => examplesProblem(rule);

/** The first rule that takes another vendor's example, as a build error, or undefined. */
export function crossVendorMatch(vendors: readonly Vendor[]): { file: string; message: string } | undefined {
  const rules = vendors.flatMap((vendor) =>
    vendor.models.map((rule) => ({ vendor: vendor.id, rule, regex: anchored(rule) })),
  );
  for (const own of rules) {
    for (const other of rules) {
      if (other.vendor === own.vendor) continue;
      const taken = other.rule.examples.find((example) => own.regex.test(normaliseTerm(example)));
      if (taken !== undefined) {
        return {
          file: `data/vendors/${own.vendor}.yaml`,
          message: `rule "${own.rule.id}" matches "${taken}", an example of ${other.vendor}'s rule "${other.rule.id}"`,
        };
      }
    }
  }
  return undefined;
}
