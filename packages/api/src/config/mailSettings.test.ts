import { describe, expect, it } from "vitest";

import { parseEnv } from "./parseEnv";
import { mailSettings, serverEnvSchema } from "./serverEnv";

describe("SMTP settings", () => {
  it("are off without SMTP_URL", () => {
    expect(mailSettings(parseEnv(serverEnvSchema, {}))).toBeNull();
  });

  it("send as no-reply at APP_URL's host unless SMTP_FROM names a sender", () => {
    const env = parseEnv(serverEnvSchema, { SMTP_URL: "smtp://user:pass@mail.example.com:587", APP_URL: "https://portal.example.com" });
    expect(mailSettings(env)).toEqual({
      smtpUrl: "smtp://user:pass@mail.example.com:587",
      from: "Marketable <no-reply@portal.example.com>",
    });
    const named = parseEnv(serverEnvSchema, { SMTP_URL: "smtps://mail.example.com:465", SMTP_FROM: "Agency <it@agency.example>" });
    expect(mailSettings(named)?.from).toBe("Agency <it@agency.example>");
  });

  it("refuse an SMTP_URL that is not smtp:// or smtps://, in one line naming it", () => {
    expect(() => parseEnv(serverEnvSchema, { SMTP_URL: "https://mail.example.com" })).toThrow(
      /^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ address/,
    );
    expect(() => parseEnv(serverEnvSchema, { SMTP_URL: "mail.example.com" })).toThrow(
      /^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ address/,
    );
  });
});
