/**
 * Questions at the terminal, as the commands need them: `new` asks for what
 * its flags leave out. Commands ask through `CliIo.prompts`, so tests answer
 * in-process; on a terminal the questions are drawn by @clack/prompts,
 * loaded only when a question is asked.
 */
export interface Prompts {
  intro(title: string): Promise<void>;
  /** The answer, or `undefined` when the person cancels (Ctrl-C, Escape). `validate` returns why an answer is refused. */
  text(question: { message: string; placeholder?: string; defaultValue?: string; validate?: (value: string) => string | undefined }): Promise<string | undefined>;
  /** The chosen option's value, or `undefined` when cancelled. */
  select(question: { message: string; options: { value: string; label: string; hint?: string }[] }): Promise<string | undefined>;
  /** Says the questions were cancelled. */
  cancel(message: string): Promise<void>;
  outro(message: string): Promise<void>;
}

const clack = () => import('@clack/prompts');

export const terminalPrompts: Prompts = {
  async intro(title) {
    (await clack()).intro(title);
  },
  async text({ validate, ...question }) {
    const prompts = await clack();
    const answer = await prompts.text({ ...question, ...(validate ? { validate: (value) => validate(value ?? '') } : {}) });
    return prompts.isCancel(answer) ? undefined : answer;
  },
  async select(question) {
    const prompts = await clack();
    const answer = await prompts.select<string>(question);
    return prompts.isCancel(answer) ? undefined : answer;
  },
  async cancel(message) {
    (await clack()).cancel(message);
  },
  async outro(message) {
    (await clack()).outro(message);
  },
};
