import { expect } from 'chai';
import { fromUtf8, singleByteCharset, toUtf8 } from '../../src/vp/charset.js';

describe('single-byte encodings the hub converts (src/vp/charset.ts)', () => {
  const cases: Array<[encoding: string, text: string, bytes: number[]]> = [
    ['ISO-8859-1', 'Åå', [0xc5, 0xe5]],
    ['latin1', 'ÿ', [0xff]],
    ['windows-1252', '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ', [0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f]],
    ['ISO-8859-15', '€Šš', [0xa4, 0xa6, 0xa8]],
    ['windows-1250', 'ŠŚĄ', [0x8a, 0x8c, 0xa5]],
    ['windows-1251', 'Жж', [0xc6, 0xe6]],
    ['KOI8-R', 'аб', [0xc1, 0xc2]],
  ];
  for (const [encoding, text, bytes] of cases) {
    it(`${encoding}: decodes and encodes ${text}`, () => {
      const charset = singleByteCharset(encoding)!;
      expect(charset, encoding).to.not.equal(undefined);
      expect(charset.decode(Buffer.from(bytes))).to.equal(text);
      expect([...charset.encode(text)]).to.deep.equal(bytes);
      expect(toUtf8(charset)(Buffer.from(bytes)).toString('utf8')).to.equal(text);
    });
  }

  it('writes a character the encoding lacks as a character reference, and redeclares the answer', () => {
    const convert = fromUtf8('ISO-8859-15');
    const out = Buffer.concat([convert(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><a>€ Ω ')), convert(Buffer.from('😀</a>'))]);
    expect(out.toString('latin1')).to.equal('<?xml version="1.0" encoding="ISO-8859-15"?><a>\xa4 &#937; &#128512;</a>');
  });

  it('keeps a multi-byte UTF-8 character cut between two chunks whole', () => {
    const convert = fromUtf8('windows-1252');
    const euro = Buffer.from('€');
    const out = Buffer.concat([convert(Buffer.concat([Buffer.from('<a>'), euro.subarray(0, 1)])), convert(Buffer.concat([euro.subarray(1), Buffer.from('</a>')]))]);
    expect([...out]).to.deep.equal([...Buffer.from('<a>'), 0x80, ...Buffer.from('</a>')]);
  });

  it('knows no multi-byte or unknown encoding (those requests get VP015)', () => {
    for (const name of ['UTF-8', 'UTF-16', 'UTF-16LE', 'Shift_JIS', 'GB18030', 'EUC-KR', 'x-no-such-charset']) expect(singleByteCharset(name), name).to.equal(undefined);
  });
});
