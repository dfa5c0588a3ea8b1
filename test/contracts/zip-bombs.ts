/**
 * Hostile zips for the import tests, built without ever holding their expanded content: a zip bomb of one
 * entry of zeros (about 1000:1) and a zip of very many empty entries.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';

const MIB = 1024 * 1024;
/** An empty final deflate block with fixed codes: ends a stream of sync-flushed blocks. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * Raw deflate of `mib` MiB of zeros: one MiB compressed once and ended by a sync flush (byte-aligned, not
 * final), repeated. Each copy starts with a literal, so it decodes the same after any earlier output.
 */
function deflatedZeros(mib: number): { data: Buffer; crc: number } {
  const zeros = Buffer.alloc(MIB);
  const unit = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  return { data: Buffer.concat([...Array<Buffer>(mib).fill(unit), FINAL_EMPTY_BLOCK]), crc };
}

/** A zip of one deflated entry `name` holding `mib` MiB of zeros, with true sizes and CRC in its headers. */
export function zerosZip(name: string, mib: number): Buffer {
  const { data, crc } = deflatedZeros(mib);
  const fileName = Buffer.from(name);
  const sizes = (b: Buffer, at: number): void => {
    b.writeUInt32LE(crc, at);
    b.writeUInt32LE(data.length, at + 4);
    b.writeUInt32LE(mib * MIB, at + 8);
  };
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(8, 8); // deflate
  sizes(local, 14);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // made by
  central.writeUInt16LE(20, 6); // version needed
  central.writeUInt16LE(8, 10);
  sizes(central, 16);
  central.writeUInt16LE(fileName.length, 28);
  const centralAt = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

/** A zip of `count` empty files in one release folder. */
export function manyEntriesZip(count: number): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) files[`many/1.0/interactions/E${i}.xsd`] = new Uint8Array(0);
  return zipSync(files);
}
