/**
 * A view's fields as data, so that templates can be checked against them
 * before anything is rendered (check-template.ts) and listed for template
 * authors (templates/README.md, generated from these). `ShapeOf<View>` ties
 * each description to its TypeScript type: a field added to, removed from or
 * retyped in the view is a type error here until its shape follows.
 */
export type ViewShape = TextShape | FlagShape | OpenShape | ListShape | GroupShape;

interface Described {
  /** One sentence for template authors. */
  about?: string;
}

/** A token standing for formatted text (or a number, or Mermaid source). */
export interface TextShape extends Described {
  kind: 'text';
  nullable?: boolean;
}

/** `true` or `false`, for `{{#if}}`. */
export interface FlagShape extends Described {
  kind: 'flag';
  nullable?: boolean;
}

/** Data whose keys the view does not know (the incident's `x-` keys). */
export interface OpenShape extends Described {
  kind: 'open';
}

export interface ListShape extends Described {
  kind: 'list';
  nullable?: boolean;
  item: ViewShape;
}

export interface GroupShape extends Described {
  kind: 'group';
  nullable?: boolean;
  fields: Readonly<Record<string, ViewShape>>;
}

/** The shape that describes values of type `T`; `nullable: true` exactly when `T` includes `null`. */
export type ShapeOf<T> = null extends T ? Nullable<ValueShapeOf<Exclude<T, null>>> : ValueShapeOf<T>;

type Nullable<S> = { [K in keyof S]: K extends 'nullable' ? true : S[K] } & { nullable: true };

type ValueShapeOf<T> = [T] extends [string]
  ? { kind: 'text'; nullable?: false } & Described
  : [T] extends [boolean]
    ? { kind: 'flag'; nullable?: false } & Described
    : [T] extends [readonly (infer Item)[]]
      ? { kind: 'list'; nullable?: false; item: ShapeOf<Item> } & Described
      : string extends keyof T
        ? { kind: 'open' } & Described
        : { kind: 'group'; nullable?: false; fields: { [K in keyof T]-?: ShapeOf<T[K]> } } & Described;

/** Reused shapes: plain text, and text that may be `null`. */
export const TEXT = { kind: 'text' } as const;
export const TEXT_OR_NULL = { kind: 'text', nullable: true } as const;
export const FLAG = { kind: 'flag' } as const;
export const TEXT_LIST = { kind: 'list', item: TEXT } as const;
export const TEXT_LIST_OR_NULL = { kind: 'list', item: TEXT, nullable: true } as const;

/** What a shape is, in a few words, for messages and the field list: `text or null`, `list of groups`. */
export function describeShape(shape: ViewShape): string {
  const orNull = 'nullable' in shape && shape.nullable ? ' or null' : '';
  switch (shape.kind) {
    case 'text':
      return `text${orNull}`;
    case 'flag':
      return `true/false${orNull}`;
    case 'open':
      return 'any keys';
    case 'list':
      return `list of ${shape.item.kind === 'group' ? 'groups' : shape.item.kind === 'text' ? 'texts' : describeShape(shape.item)}${orNull}`;
    case 'group':
      return `group${orNull}`;
  }
}
