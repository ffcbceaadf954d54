import { isAbsolute, resolve, sep } from 'node:path';

/** One incident file of a run. */
export interface InputFile {
  absolute: string;
  /** As shown in messages. */
  display: string;
}

/**
 * The incident files of a run, in path order. A run over a hundred thousand
 * files keeps its list to the end, so the list holds one short string per
 * file: its path below a shared prefix (the folder searched, as shown), from
 * which the shown and absolute paths are made when the file is reached.
 */
export class IncidentFiles implements Iterable<InputFile> {
  private readonly cwd: string;

  /**
   * @param prefix What every shown path starts with ('' or ending in `/`).
   * @param tails Each file's shown path after the prefix, in path order.
   */
  constructor(
    cwd: string,
    private readonly prefix: string,
    private readonly tails: readonly string[],
  ) {
    this.cwd = resolve(cwd);
  }

  /** A list of files given by their shown paths (relative to `cwd`, or absolute when outside it). */
  static of(cwd: string, shown: readonly string[]): IncidentFiles {
    return new IncidentFiles(cwd, '', shown);
  }

  get length(): number {
    return this.tails.length;
  }

  at(index: number): InputFile {
    const display = this.prefix + this.tails[index]!;
    return { display, absolute: this.absolute(display) };
  }

  /** A shown path is normal already (made from a folder's entries): joined as it is, faster than `path.resolve`. */
  private absolute(display: string): string {
    if (sep !== '/') return resolve(this.cwd, display);
    if (isAbsolute(display)) return display;
    return this.cwd.endsWith('/') ? this.cwd + display : `${this.cwd}/${display}`;
  }

  *entries(): IterableIterator<[number, InputFile]> {
    for (let index = 0; index < this.tails.length; index += 1) yield [index, this.at(index)];
  }

  *[Symbol.iterator](): IterableIterator<InputFile> {
    for (let index = 0; index < this.tails.length; index += 1) yield this.at(index);
  }
}
