// The operator's side of partner sign-up, pure (public/dashboard/areas/application-values.js): the
// applications list's query, an applicant's website as a link only when it is http(s), the public
// form's URL, and which refusal is "already decided".
import { describe, expect, it } from "vitest";
import {
  applicationsPath,
  decidedAlready,
  joinUrl,
  STATUS_OPTIONS,
  websiteHref,
} from "../../public/dashboard/areas/application-values.js";

describe("the applications list", () => {
  it("opens on the pending ones, and offers every status the API takes", () => {
    expect(STATUS_OPTIONS[0]).toEqual(["pending", "Pending"]);
    expect(STATUS_OPTIONS.map(([value]) => value)).toEqual(["pending", "approved", "rejected", ""]);
  });

  it("asks for the filters that have a value", () => {
    expect(applicationsPath({ status: "pending", program_id: "" })).toBe(
      "/applications?status=pending",
    );
    expect(applicationsPath({ status: "", program_id: "ab12" })).toBe(
      "/applications?program_id=ab12",
    );
    expect(applicationsPath({ status: "rejected", program_id: "ab12" })).toBe(
      "/applications?status=rejected&program_id=ab12",
    );
    expect(applicationsPath({ status: "", program_id: "" })).toBe("/applications");
  });
});

describe("an applicant's website", () => {
  it("is a link when it is http(s)", () => {
    expect(websiteHref("https://blog.example/")).toBe("https://blog.example/");
    expect(websiteHref("http://blog.example")).toBe("http://blog.example/");
  });

  it("is text otherwise", () => {
    expect(websiteHref("javascript:alert(1)")).toBeNull();
    expect(websiteHref("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(websiteHref("blog.example")).toBeNull();
    expect(websiteHref("")).toBeNull();
    expect(websiteHref(null)).toBeNull();
  });
});

describe("the public form and decisions", () => {
  it("builds a program's /join URL on the dashboard's origin", () => {
    expect(joinUrl("https://track.example", "0193ab")).toBe("https://track.example/join/0193ab");
  });

  it("knows the API's 409 for an application decided already, and nothing else", () => {
    expect(decidedAlready({ status: 409, code: "application_decided" })).toBe(true);
    expect(decidedAlready({ status: 404, code: "not_found" })).toBe(false);
    expect(decidedAlready(new Error("network"))).toBe(false);
    expect(decidedAlready(null)).toBe(false);
  });
});
