/**
 * One contact, kept compact: a fixed-shape class (one V8 hidden class for millions of records),
 * timestamps as numbers, marketing flags as booleans, and a lazily created bag for any other property.
 * The API shape is produced on the way out (src/serialize.ts).
 */
export class ContactRecord {
  id: number;
  createdAt: number;
  updatedAt: number;
  /** 0 while the contact is live. */
  archivedAt = 0;
  email: string | null;
  firstname: string | null;
  lastname: string | null;
  marketable = false;
  /** Marketing, but queued to become non-marketing on the next update date. */
  untilRenewal = false;
  reasonType: string | null = null;
  reasonId: string | null = null;
  source: string;
  sourceId: string | null = null;
  /** hs_object_source_detail_1: the app's (or form's, import's) name; hs_object_source_label is the code. */
  sourceDetail1: string | null = null;
  lifecyclestage: string | null = null;
  ownerId: string | null = null;
  /** Hard bounces and opt-outs matter to "who should stay marketing" reports. */
  bounced = false;
  optedOut = false;
  lastEmailOpenAt = 0;
  lastActivityAt = 0;
  extra: Record<string, string> | null = null;

  constructor(id: number, createdAt: number, email: string | null, firstname: string | null, lastname: string | null, source: string) {
    this.id = id;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.email = email;
    this.firstname = firstname;
    this.lastname = lastname;
    this.source = source;
  }
}
