import { quote } from '../diagnostics/quote.js';
import { asArray, asRecord, asString } from '../rules/loose.js';
import type { RuleContext } from '../rules/rule-context.js';
import type { PhraseMatch } from './prose-parser.js';
import { PERSON_BLAMING_PHRASES } from './phrases.js';
import { mayHoldPhrase, parser } from './prose.js';
import { type ReviewCheck, fieldName, severityOf } from './review-check.js';

/**
 * `blaming-language`: wording that blames a person instead of describing
 * the system ("human error", "forgot to"…, as configured), and a person of
 * `roles` or `authors` as the subject of a blaming verb ("Sam broke the
 * build"; "the build broke" blames no one). Words meant literally, in
 * quotes (we avoid saying "human error"), are not reported. Blameless
 * postmortems ask what the system allowed, because that is what the action
 * items can change.
 */
export const checkBlamingLanguage: ReviewCheck = (context, fields) => {
  const severity = severityOf(context, 'blaming-language', 'warning');
  if (!severity) return;
  const phrases = context.config.checks.blamingPhrases;
  const people = peopleOf(context);
  const personPhrases = people.length > 0 ? PERSON_BLAMING_PHRASES : [];
  const mayHold = quickTest([...phrases, ...personPhrases]);
  for (const prose of fields) {
    if (!mayHold(prose.field.text)) continue;
    const { findPhrases } = parser();
    const found = [
      ...findPhrases(prose.parsed, phrases).map((match) => ({ match, needsPerson: false })),
      ...findPhrases(prose.parsed, personPhrases).map((match) => ({ match, needsPerson: true })),
    ].sort((a, b) => a.match.start - b.match.start);
    const reported = new Set<number>();
    for (const { match, needsPerson } of found) {
      const subject = subjectOf(match, people);
      if ((needsPerson && !subject) || reported.has(match.start) || quoted(prose.field.text, match)) continue;
      reported.add(match.start);
      const where = fieldName(prose);
      context.report.add(prose.range(subject?.start ?? match.start, match.end), {
        rule: 'blaming-language',
        severity,
        message: subject
          ? `Unexpected ${quote(`${subject.words} ${match.text}`)} in ${where}: it makes ${subject.person.name}${subject.person.role ? ` (${subject.person.role})` : ''} the cause`
          : `Unexpected blaming wording ${quote(match.text)} in ${where}`,
        hint: subject
          ? 'Describe what the system allowed, not what a person did: what made the step easy to get wrong, and what would catch it next time.'
          : 'Describe what the system allowed, not who slipped: "the deploy tool accepted an unvalidated configuration", rather than "human error".',
      });
    }
  }
};

/** The quick test of each phrase list, made once a run: the configured phrases are the same for every file. */
function quickTest(phrases: readonly string[]): (text: string) => boolean {
  const key = phrases.join('\n');
  let test = quickTests.get(key);
  if (!test) quickTests.set(key, (test = mayHoldPhrase(phrases)));
  return test;
}

const quickTests = new Map<string, (text: string) => boolean>();

interface Person {
  name: string;
  /** The role's key, when the person is named in `roles`. */
  role: string | null;
  words: string[];
}

/** The people of `roles` and `authors`, as written. */
function peopleOf(context: RuleContext): Person[] {
  const people: Person[] = [];
  const add = (name: string | undefined, role: string | null) => {
    const words = name?.trim().split(/\s+/).filter(Boolean) ?? [];
    if (name && words.length > 0) people.push({ name: name.trim(), role, words });
  };
  for (const [role, name] of Object.entries(asRecord(context.data.roles) ?? {})) add(asString(name), role);
  for (const name of asArray(context.data.authors)) add(asString(name), null);
  return people;
}

/**
 * The person just before the phrase, as its subject: their full name, or one
 * of its words (a first or last name) written with a capital letter.
 */
function subjectOf(match: PhraseMatch, people: readonly Person[]): { person: Person; start: number; words: string } | undefined {
  const before = match.before;
  for (const person of people) {
    const count = person.words.length;
    const tail = before.slice(-count);
    if (count > 1 && tail.length === count && tail.every((word, index) => word.text.toLowerCase() === person.words[index]!.toLowerCase())) {
      return { person, start: tail[0]!.start, words: tail.map((word) => word.text).join(' ') };
    }
  }
  const last = before.at(-1);
  if (!last || !/^\p{Lu}/u.test(last.text)) return undefined;
  const person = people.find((candidate) => candidate.words.some((word) => word.length > 1 && word.toLowerCase() === last.text.toLowerCase()));
  return person ? { person, start: last.start, words: last.text } : undefined;
}

/** Whether the words are in quotes: mentioned, not said (nlcst-search already leaves a single quoted word alone). */
function quoted(text: string, match: PhraseMatch): boolean {
  return OPENING_QUOTES.includes(text[match.start - 1] ?? '') && CLOSING_QUOTES.includes(text[match.end] ?? '');
}

const OPENING_QUOTES = '"\'“‘«`';
const CLOSING_QUOTES = '"\'”’»`';
