/**
 * A zip-bomb .docx for the measuring script and the tests: a real Word document
 * plus one entry of `expandMb` MB of zeros, deflated as a stream (about 1 KB
 * per MB). With `lying`, the zip's directory declares that entry as 1 KB.
 * Written by hand because no zip library writes a directory that lies.
 */
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';

type Entry = { name: string; data: Buffer; crc: number; size: number; declaredSize?: number };

/** A zip written by hand so the bomb entry can be deflated as a stream and its declared size can lie. */
function zipOf(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export async function bombDocx(lying: boolean, expandMb: number): Promise<Buffer> {
  const real = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Điều 1. Phạm vi điều chỉnh')] }] })));
  const entries: Entry[] = [];
  for (const name of Object.keys(real.files)) {
    if (real.files[name].dir) continue;
    const raw = await real.file(name)!.async('nodebuffer');
    entries.push({ name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length });
  }
  // expandMb of zeros, deflated chunk by chunk (the script never holds them all).
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  let crc = 0;
  for (let i = 0; i < expandMb; i++) {
    crc = zlib.crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  await new Promise((r) => deflate.end(r));
  entries.push({ name: 'word/media/image1.png', data: Buffer.concat(out), crc, size: (expandMb * 1024 * 1024) >>> 0, declaredSize: lying ? 1024 : undefined });
  return zipOf(entries);
}
