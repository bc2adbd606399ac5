import { FIRST_NAMES, FIRST_SLUGS, FREE_MAIL_DOMAINS, LAST_NAMES, LAST_SLUGS } from "../generator/names";
import { DAY_MS } from "../state/clock";
import { type ActivityGenerator, type Portal } from "../state/portal";
import { LIFECYCLE_STAGES } from "../state/properties";
import { type SandboxState } from "../state/sandboxState";
import { createRng, seedFrom } from "../util/random";
import { createContact, updateContact } from "./contactWrites";
import { applyUpdateDate } from "./marketing";
import { adminSource } from "./sources";
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
    const rng = createRng(seedFrom(state.seed, portal.hubId, gen.id, from));
    if (gen.changesPerDay) changeContacts(state, portal, gen, rng, to - from);
    if (n === 0) continue;
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

/** Moves random live contacts' lifecycle stage on: changes that a sync or webhook must pick up. */
function changeContacts(state: SandboxState, portal: Portal, gen: ActivityGenerator, rng: () => number, ms: number): void {
  const exact = ((gen.changesPerDay ?? 0) * ms) / DAY_MS + (gen.changeCarry ?? 0);
  const n = Math.floor(exact);
  gen.changeCarry = exact - n;
  const size = portal.contacts.nextId - 1;
  for (let i = 0; i < n && size > 0; i++) {
    const c = portal.contacts.getLive(1 + Math.floor(rng() * size));
    if (!c) continue;
    const stage =
      LIFECYCLE_STAGES[(LIFECYCLE_STAGES.indexOf(c.lifecyclestage as (typeof LIFECYCLE_STAGES)[number]) + 1) % LIFECYCLE_STAGES.length]!;
    updateContact(state, portal, c, { lifecyclestage: stage }, "AUTOMATION_PLATFORM");
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
