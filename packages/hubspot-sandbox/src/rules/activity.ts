import { type SandboxState } from "../state/sandboxState";
import { type Portal } from "../state/portal";
import { DAY_MS } from "../state/clock";
import { createRng, seedFrom } from "../util/random";
import { FIRST_NAMES, FIRST_SLUGS, FREE_MAIL_DOMAINS, LAST_NAMES, LAST_SLUGS } from "../generator/names";
import { createContact } from "./contactWrites";
import { adminSource } from "./sources";
import { applyUpdateDate } from "./marketing";
import { updateDatesBetween } from "./updateDates";

/** A plausible new person for activity generators and admin-created contacts without an email. */
export function fakePerson(rng: () => number, n: number): { email: string; firstname: string; lastname: string } {
  const f = Math.floor(rng() * FIRST_NAMES.length);
  const l = Math.floor(rng() * LAST_NAMES.length);
  const d = FREE_MAIL_DOMAINS[Math.floor(rng() * FREE_MAIL_DOMAINS.length)]!;
  return { email: `${FIRST_SLUGS[f]}.${LAST_SLUGS[l]}.${n}@${d}`, firstname: FIRST_NAMES[f]!, lastname: LAST_NAMES[l]! };
}

/** Creates the contacts a portal's activity generators produce over (from, to]. */
function runActivity(state: SandboxState, portal: Portal, from: number, to: number): void {
  for (const gen of portal.activity) {
    const exact = (gen.contactsPerDay * (to - from)) / DAY_MS + gen.carry;
    const n = Math.floor(exact);
    gen.carry = exact - n;
    if (n === 0) continue;
    const rng = createRng(seedFrom(state.seed, portal.hubId, gen.id, from));
    let src;
    try {
      src = adminSource(state, portal, gen.source, { appId: gen.appId });
    } catch {
      continue; // the app was disconnected: it creates nothing any more
    }
    for (let i = 0; i < n; i++) {
      const at = Math.floor(from + ((i + 1) * (to - from)) / (n + 1));
      const person = fakePerson(rng, portal.contacts.nextId);
      if (portal.contacts.byEmail(person.email)) continue;
      createContact(state, portal, person, src, at);
    }
  }
}

/**
 * Moves the simulated clock forward: activity generators create their contacts and each update
 * date crossed applies queued demotions, in time order.
 */
export function advanceClock(state: SandboxState, ms: number): { from: number; to: number } {
  const { from, to } = state.clock.advance(ms);
  for (const portal of state.portals.values()) {
    let cursor = from;
    for (const at of updateDatesBetween(portal, from, to)) {
      runActivity(state, portal, cursor, at);
      applyUpdateDate(state, portal, at);
      cursor = at;
    }
    runActivity(state, portal, cursor, to);
  }
  return { from, to };
}
