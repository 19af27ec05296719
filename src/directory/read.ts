import fs from 'node:fs';
import { parse } from 'csv-parse';
import { parser } from 'stream-json';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { csvHeaderProblem, mapCsvRow, mapJson, mapRor, type ImportFormat, type Mapped } from './formats';

/** The file cannot be read as its format at all (not one record's problem). */
export class MalformedFileError extends Error {}

/** Pipes the streams and makes any stage's error end the last one (pipe() alone would hang on it). */
const piped = <T extends NodeJS.ReadWriteStream & { destroy(error?: Error): unknown }>(stages: NodeJS.ReadableStream[], last: T): T => {
  let previous = stages[0];
  for (const stage of [...stages.slice(1), last]) {
    previous.on('error', (error: Error) => last.destroy(error));
    previous = previous.pipe(stage as NodeJS.WritableStream & NodeJS.ReadableStream);
  }
  return last;
};

/** The format a file name says, when --format is not given. */
export const formatOfFile = (file: string): ImportFormat | null => {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.json$/i.test(file)) return /ror/i.test(file.split(/[\\/]/).pop() ?? '') ? 'ror' : 'json';
  return null;
};

/**
 * The records of a file, streamed (never the whole file in memory): a top-level JSON array
 * for ROR dumps and JSON, a CSV with a header row. Throws MalformedFileError when the file
 * cannot be parsed; a record's own problems come back as refusals.
 */
export async function* readRecords(file: string, format: ImportFormat): AsyncGenerator<Mapped> {
  if (format === 'csv') {
    let headerProblem: string | null = null;
    const rows = piped(
      [fs.createReadStream(file)],
      parse({
        bom: true,
        info: true,
        skip_empty_lines: true,
        columns: (header: string[]) => {
          headerProblem = csvHeaderProblem(header.map((column) => column.trim()));
          if (headerProblem) throw new MalformedFileError(`line 1: ${headerProblem}`);
          return header.map((column) => column.trim());
        },
      })
    );
    try {
      for await (const { record, info } of rows as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        yield mapCsvRow(record, info.lines);
      }
    } catch (error) {
      if (error instanceof MalformedFileError) throw error;
      throw new MalformedFileError(`not a readable CSV file: ${(error as Error).message}`);
    }
    return;
  }
  const map = format === 'ror' ? mapRor : mapJson;
  const values = piped([fs.createReadStream(file), parser()], streamArray());
  try {
    // The parser's strings are slices and joins of the chunks it read: an organization's name kept
    // in the importer's index would keep its whole 64 KB chunk of the file alive, so memory would
    // grow with the file (measured: 130 MB of chunks held at 100,000 ROR records). A record is
    // copied into fresh strings before it is mapped.
    for await (const { key, value } of values as AsyncIterable<{ key: number; value: unknown }>) yield map(JSON.parse(JSON.stringify(value)) as unknown, key + 1);
  } catch (error) {
    throw new MalformedFileError(`not a JSON array of records: ${(error as Error).message}`);
  }
}
