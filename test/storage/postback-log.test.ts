import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PostbackLogEntry } from "../../src/domain/entities";
import { newId, newLogId } from "../../src/domain/ids";
import { decodeCursor } from "../../src/storage/pages";
import {
  insertLogIfConvertedStatement,
  insertLogStatement,
  listPostbackLog,
} from "../../src/storage/postback-log";
import { insertProgram } from "../../src/storage/programs";
import { aConversion, aProgram, futureMs, seedConversions } from "../support/storage-seeds";

const db = env.DB;

const entry = (
  programId: string,
  at: number,
  overrides: Partial<PostbackLogEntry> = {},
): PostbackLogEntry => ({
  programId,
  id: newLogId(at),
  receivedAt: at,
  httpStatus: 201,
  outcome: "registered",
  conversionId: null,
  fields: { id: "order-1", amount: "10.00" },
  test: false,
  ...overrides,
});

async function aStoredProgram() {
  const program = aProgram();
  await insertProgram(db, program, "hash");
  return program.id;
}

describe("storage/postback-log", () => {
  it("reads back an entry: fields as an object, test as a boolean, a null conversion", async () => {
    const programId = await aStoredProgram();
    const at = futureMs();
    const logged = entry(programId, at, {
      httpStatus: 422,
      outcome: "invalid",
      test: true,
      fields: { amount: "x" },
    });
    await insertLogStatement(db, logged).run();
    expect(await listPostbackLog(db, programId, 10, null)).toEqual({
      data: [logged],
      next_cursor: null,
    });
  });

  it("writes an entry once (its key), and one for a registration only if the conversion exists", async () => {
    const programId = await aStoredProgram();
    const at = futureMs();
    const logged = entry(programId, at);
    await insertLogStatement(db, logged).run();
    expect((await insertLogStatement(db, { ...logged, outcome: "other" }).run()).meta.changes).toBe(
      0,
    );

    const c = aConversion({ programId });
    const missing = aConversion({ programId });
    await seedConversions(db, c);
    const registered = entry(programId, at + 1, { conversionId: c.id });
    const orphan = entry(programId, at + 2, { conversionId: missing.id });
    expect((await insertLogIfConvertedStatement(db, registered, c.id).run()).meta.changes).toBe(1);
    expect((await insertLogIfConvertedStatement(db, orphan, missing.id).run()).meta.changes).toBe(
      0,
    );
    const page = await listPostbackLog(db, programId, 10, null);
    expect(page.data).toEqual([registered, logged]);
  });

  it("pages one program's log newest first on the log id", async () => {
    const programId = await aStoredProgram();
    const at = futureMs();
    const entries = [0, 1, 2].map((i) => entry(programId, at + i));
    for (const e of entries) await insertLogStatement(db, e).run();
    const first = await listPostbackLog(db, programId, 2, null);
    expect(first.data.map((e) => e.id)).toEqual([entries[2]?.id, entries[1]?.id]);
    const after = decodeCursor(first.next_cursor as string, 1);
    expect(after).toEqual([entries[1]?.id]);
    expect(await listPostbackLog(db, programId, 2, after)).toEqual({
      data: [entries[0]],
      next_cursor: null,
    });
  });

  it("merges every program's log newest first, in one statement, and pages it", async () => {
    const [a, b] = [await aStoredProgram(), await aStoredProgram()];
    const at = futureMs();
    const entries = [entry(a, at), entry(b, at + 1), entry(a, at + 2), entry(b, at + 3)];
    for (const e of entries) await insertLogStatement(db, e).run();
    const first = await listPostbackLog(db, null, 3, null);
    expect(first.data).toEqual([entries[3], entries[2], entries[1]]);
    const second = await listPostbackLog(db, null, 3, decodeCursor(first.next_cursor as string, 1));
    expect(second.data[0]).toEqual(entries[0]);
  });

  it("leaves out the log of a program that no longer exists from the every-program list", async () => {
    const ghost = newId();
    const at = futureMs();
    await insertLogStatement(db, entry(ghost, at)).run();
    expect((await listPostbackLog(db, ghost, 10, null)).data).toHaveLength(1);
    expect((await listPostbackLog(db, null, 1, null)).data[0]?.programId).not.toBe(ghost);
  });
});
