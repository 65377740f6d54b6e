import { DomainError } from '../../platform/errors.js';

/**
 * The console's words for refusals: each module keeps one table from a WeChat errcode (a number)
 * or a DomainError code (a string) to a sentence an operator can act on. Commands keep their
 * codes and errcodes; only the sentence changes on the way to the console.
 */
export type RefusalWording = Readonly<Record<number | string, string>>;

/** The table's sentence for a refusal: by its errcode first, then by its code; undefined when it has none. */
export function sentenceOf(wording: RefusalWording, err: DomainError): string | undefined {
  return (err.errcode !== undefined ? wording[err.errcode] : undefined) ?? wording[err.code];
}

/** Runs a command and rewords a refusal the table knows; its code and details stay as they were. */
export async function reworded<T>(wording: RefusalWording, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const sentence = err instanceof DomainError ? sentenceOf(wording, err) : undefined;
    if (sentence === undefined) throw err;
    throw new DomainError((err as DomainError).code, sentence, (err as DomainError).details);
  }
}
