/** Name and domain pools for realistic, deterministic demo contacts. */
export const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
  "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Margaret",
  "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna", "Joshua", "Michelle",
  "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie",
  "Ronald", "Rebecca", "Jason", "Sharon", "Edward", "Laura", "Jeffrey", "Cynthia", "Ryan", "Amy",
  "Jacob", "Kathleen", "Gary", "Angela", "Nicholas", "Shirley", "Eric", "Brenda", "Jonathan", "Emma",
  "Stephen", "Anna", "Larry", "Pamela", "Justin", "Nicole", "Scott", "Samantha", "Brandon", "Katherine",
  "Lucas", "Chloé", "Hugo", "Léa", "Mateo", "Sofia", "Noah", "Olivia", "Liam", "Mia",
  "Aarav", "Priya", "Wei", "Mei", "Hiroshi", "Yuki", "Omar", "Fatima", "Carlos", "Lucía",
] as const;

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
  "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
  "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
  "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
  "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
  "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
  "Dubois", "Moreau", "Schmidt", "Müller", "Rossi", "Bianchi", "Silva", "Santos", "Tanaka", "Sato",
  "Patel", "Shah", "Chen", "Wang", "Ali", "Khan", "Novak", "Kowalski", "Jensen", "O'Brien",
] as const;

export const FREE_MAIL_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me", "aol.com", "gmx.de"] as const;

export const COMPANY_WORDS = [
  "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Hooli", "Vandelay", "Soylent",
  "Cyberdyne", "Tyrell", "Aperture", "Pied Piper", "Massive Dynamic", "Oscorp", "Gringotts", "Monarch", "Dunder", "Prestige",
  "Blue Sun", "Nakatomi", "Virtucon", "Gekko", "Sterling", "Bluth", "Krusty", "Ollivander", "Sirius", "Zorg",
] as const;

export const COMPANY_SUFFIXES = ["Inc", "LLC", "Group", "Labs", "Co", "Partners", "Systems", "Studio", "GmbH", "SA"] as const;

export const JOB_TITLES = [
  "Marketing Manager", "CEO", "CTO", "Sales Director", "Account Executive", "Product Manager", "Engineer",
  "Designer", "Office Manager", "Founder", "Head of Growth", "Consultant", "Buyer", "Analyst", "Student",
] as const;

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
