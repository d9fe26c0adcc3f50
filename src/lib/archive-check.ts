/**
 * Zip-bomb guard for Office/OpenDocument uploads (.docx, .xlsx, .odt are zip
 * archives). Before anything parses an archive (mammoth, or a later download)
 * its central directory is read with yauzl and every entry is inflated as a
 * stream that is thrown away, counting bytes: the declared sizes may lie, and
 * yauzl refuses an entry that inflates past its declared size. Memory stays at
 * one inflate window whatever the archive holds.
 */
import type yauzl from 'yauzl';

export const ARCHIVE_LIMITS = {
  /** A real ward draft with pictures is a few MB unpacked. */
  maxTotalBytes: 50 * 1024 * 1024,
  maxEntries: 2000,
  /** Text XML compresses ~10×; 100× on a large entry means a bomb. */
  maxRatio: 100,
  ratioAppliesAbove: 1024 * 1024,
};

export const ARCHIVE_REFUSED =
  'Tệp nén bên trong tài liệu có kích thước giải nén bất thường (quá lớn hoặc quá nhiều thành phần) nên không được nhận. Vui lòng lưu lại tài liệu bằng Word/LibreOffice rồi tải lên lại.';

class Refused extends Error {}

/** Null when the archive is within bounds; otherwise why it is refused (for logs; users see ARCHIVE_REFUSED). */
export async function inspectArchive(filePath: string, limits = ARCHIVE_LIMITS): Promise<string | null> {
  // yauzl is loaded on the first archive inspected, not at start (issue 10: idle memory).
  const { default: unzip } = await import('yauzl');
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      unzip.open(filePath, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err ? reject(err) : resolve(z),
      ),
    );
  } catch (err) {
    return `not a readable zip: ${(err as Error).message}`;
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return `${zip.entryCount} entries`;
  }
  let declared = 0;
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        declared += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (declared > limits.maxTotalBytes) return reject(new Refused(`declared ${declared} bytes unpacked`));
        if (entry.uncompressedSize > limits.ratioAppliesAbove && ratio > limits.maxRatio)
          return reject(new Refused(`entry ${entry.fileName} ratio ${Math.round(ratio)}`));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > limits.maxTotalBytes) stream.destroy(new Refused(`inflated past ${limits.maxTotalBytes} bytes`));
          });
          stream.on('error', reject);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    return err instanceof Refused ? err.message : `bad archive: ${(err as Error).message}`;
  }
  return null;
}
