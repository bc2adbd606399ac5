import { describe, expect, it } from "vitest";

import { connectedPortalName } from "../src/services/connections/savePortalConnection";

const account = { timeZone: "UTC", currency: "USD", uiDomain: "app-eu1.hubspot.com" };

describe("a connected portal's name", () => {
  it("is the account's name, else its own domain, else its hub id; never HubSpot's UI host", () => {
    expect(connectedPortalName({ ...account, name: " Acme Inc ", domain: "acme.com" }, "123")).toBe("Acme Inc");
    expect(connectedPortalName({ ...account, name: null, domain: "acme.com" }, "123")).toBe("acme.com");
    expect(connectedPortalName({ ...account, name: "", domain: "app.hubspot.com" }, "123")).toBe("HubSpot 123");
    expect(connectedPortalName({ ...account }, "456")).toBe("HubSpot 456");
  });
});
