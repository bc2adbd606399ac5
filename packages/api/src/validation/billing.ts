import { count, moneyMinor } from "./primitives";

/**
 * A price table row's numbers, shared by `billing.savePriceTable` and the price table editor,
 * which checks each cell as it is typed with these same words and bounds.
 */
export const includedContacts = count({
  max: 100_000_000,
  notWhole: "Included contacts is a whole number",
  tooSmall: "Included contacts cannot be negative",
  tooLarge: "Included contacts is larger than any HubSpot tier",
});
export const blockSize = count({
  min: 1,
  max: 100_000_000,
  notWhole: "The block size is a whole number",
  tooSmall: "A block holds at least one contact",
  tooLarge: "That block is larger than any HubSpot tier",
});
export const blockPriceMinor = moneyMinor("block price");

/** The billing what-if's "set this many more contacts to marketing": any tier's worth, never negative. */
export const whatIfExtraContacts = count({
  max: 100_000_000,
  unit: "contacts",
  notWhole: "Enter a whole number of contacts",
  tooSmall: "Enter 0 or more contacts: the what-if adds contacts, it cannot take them away",
  tooLarge: "That is more contacts than any HubSpot tier holds",
});
