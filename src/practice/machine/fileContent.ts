// A file's bytes in the JSON state: text stays readable as UTF-8; bytes that are not valid UTF-8 (a
// picture, a tarball) are kept as base64 with `encoding: 'base64'`, so nothing is lost in a round trip.
import type { FileRecord } from '../core/records';

/** The file's exact bytes. */
export function fileBytes(file: Pick<FileRecord, 'content' | 'encoding'>): Buffer {
  return Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8');
}

/** Stores bytes (or text) in the record, as text when they are valid UTF-8. */
export function storeBytes(file: FileRecord, data: Buffer | string): void {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  if (typeof data === 'string' || Buffer.from(text, 'utf8').equals(data)) {
    file.content = text;
    delete file.encoding;
  } else {
    file.content = data.toString('base64');
    file.encoding = 'base64';
  }
}

/** The file's size in bytes. */
export function fileSize(file: Pick<FileRecord, 'content' | 'encoding'>): number {
  return file.encoding === 'base64' ? fileBytes(file).length : Buffer.byteLength(file.content);
}
