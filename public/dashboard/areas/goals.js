// A program's goals (lead, sale, renewal…), each with its commission: the list, "Add goal", make
// one the default (the goal of a postback without `goal`), and remove one (asks first).
import { api } from "../ui/api.js";
import { ConfirmButton } from "../ui/confirm.js";
import { scoped } from "../ui/fields.js";
import { Field, Form, useForm } from "../ui/form.js";
import { commissionText } from "../ui/format.js";
import { html } from "../ui/preact.js";
import { ErrorNote, Table } from "../ui/table.js";
import { CommissionFields } from "./commission.js";
import { ruleOf, ruleValues } from "./program-values.js";

const goalInput = (g) => ({ name: g.name, commission: g.commission, repeatable: g.repeatable });

async function saveGoals(program, goals, extra = {}) {
  return api(`/programs/${program.id}`, { method: "PATCH", body: { goals, ...extra } });
}

function AddGoal({ program, onChanged }) {
  const form = useForm({
    name: "",
    repeatable: false,
    ...ruleValues(null),
    commission_type: "inherit",
  });
  const at = program.goals.length;
  async function add(values) {
    const goal = { name: values.name.trim(), repeatable: values.repeatable };
    if (values.commission_type !== "inherit") goal.commission = ruleOf(values);
    try {
      onChanged(await saveGoals(program, [...program.goals.map(goalInput), goal]));
    } catch (error) {
      // The new goal's messages are named goals.<its index>; the list's own, goals.
      const own = scoped(error.fields, `goals.${at}`);
      if (error.fields?.goals) own.body = error.fields.goals;
      error.fields = own;
      throw error;
    }
  }
  return html`<${Form} id="goal-add" form=${form} onSubmit=${add} submit="Add goal" shown=${["name", "commission", "repeatable"]}>
    <${Field} form=${form} name="name" label="Goal name" placeholder="lead" />
    <${CommissionFields} form=${form} inherit=${`The program's (${commissionText(program.commission)})`} />
    <${Field} form=${form} name="repeatable" type="checkbox" label="Repeatable (one click may convert it again: renewals)" />
  <//>`;
}

export function GoalsSection({ program, onChanged }) {
  const form = useForm({});
  const act = (work) => form.submit(async () => onChanged(await work()));
  const columns = [
    ["Goal", (g) => g.name],
    ["Commission", (g) => commissionText(g.commission)],
    ["Repeatable", (g) => (g.repeatable ? "yes" : "no")],
    ["Default", (g) => (g.name === program.default_goal ? "default" : "")],
    [
      "",
      (g) =>
        g.name !== program.default_goal &&
        html`<div class="actions">
      <button type="button" class="secondary" onClick=${() => act(() => saveGoals(program, program.goals.map(goalInput), { default_goal: g.name }))}>Make default</button>
      <${ConfirmButton} label="Remove" question=${`Remove the goal ${g.name}? Postbacks naming it will be refused.`}
        onConfirm=${() => act(() => saveGoals(program, program.goals.filter((x) => x.name !== g.name).map(goalInput)))} />
    </div>`,
    ],
  ];
  return html`<section>
    <h2>Goals and commissions</h2>
    <${Table} id="goals" columns=${columns} rows=${program.goals} empty="No goal." />
    <${ErrorNote} error=${form.error} />
    <h3>Add goal</h3>
    <${AddGoal} program=${program} onChanged=${onChanged} />
  </section>`;
}
