import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "../../src/domain/csv";

describe("CSV cells", () => {
  it("quote what RFC 4180 asks, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvRow(["x", 12, null])).toBe("x,12,\r\n");
  });

  it("defuse formulas: a text cell starting with = + - @ tab or CR gets a leading '", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = csvCell(`${start}HYPERLINK("http://evil.example")`);
      expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("a=b")).toBe("a=b");
  });
});
