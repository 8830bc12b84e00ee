// The dashboard's conversion sources, at desktop and phone widths: a short secret's message next
// to its field; add a Stripe source and see its URL and what to subscribe in Stripe; rotate its
// secret, disable it and delete it, each asking first.
import { describe, expect, inject, it } from "vitest";
import { openArea, sharedChromium, signIn } from "./browser.ts";

const server = inject("server");
const browser = sharedChromium();

describe("dashboard: conversion sources", () => {
  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    it(`adds a Stripe source, rotates its secret, disables and deletes it at ${width} px`, async () => {
      const page = await browser().newPage({ viewport: { width, height }, isMobile: width < 640 });
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await signIn(page, server);
      await openArea(page, "Sources", "#sources-area[data-program]");
      const form = page.getByRole("form", { name: "Add source" });
      const secret = form.getByLabel("Signing secret", { exact: true });
      expect(await secret.getAttribute("type")).toBe("password");
      // The API's rule (8 characters at least) shown beside the field.
      await secret.fill("short");
      await form.getByRole("button", { name: "Add source" }).click();
      await form.locator('[data-field-error="signing_secret"]').waitFor();
      await secret.fill(`whsec_e2e_${Date.now()}`);
      await form.getByRole("button", { name: "Add source" }).click();
      const added = page.locator("#source-added");
      await added.waitFor();
      const url = (await added.locator("code").first().textContent()) ?? "";
      expect(url).toMatch(new RegExp(`^${server.origin}/sources/[0-9a-f]+$`));
      expect(await added.textContent()).toContain("charge.refunded");
      const row = page.locator("#sources tr", { hasText: url });
      await row.waitFor();
      expect(await row.textContent()).toContain("Stripe");

      await row.getByRole("button", { name: "Rotate secret" }).click();
      await row.getByLabel("New signing secret").fill(`whsec_e2e_rotated_${Date.now()}`);
      await row.getByRole("button", { name: "Rotate", exact: true }).click();
      const question = row.getByRole("alertdialog");
      expect(await question.textContent()).toContain("keeps working 24 h");
      await row.getByRole("button", { name: "Confirm", exact: true }).click();
      await page.locator("#source-notice", { hasText: "old one works until" }).waitFor();
      await row.locator("text=old secret until").waitFor();

      await row.getByRole("button", { name: "Disable", exact: true }).click();
      await row.getByRole("alertdialog").waitFor();
      await row.getByRole("button", { name: "Confirm", exact: true }).click();
      await row.getByRole("button", { name: "Enable", exact: true }).waitFor();

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(1);

      await row.getByRole("button", { name: "Delete", exact: true }).click();
      await row.getByRole("button", { name: "Confirm", exact: true }).click();
      await row.waitFor({ state: "detached" });
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
