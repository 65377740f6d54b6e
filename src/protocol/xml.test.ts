import { describe, expect, it } from 'vitest';
import { buildXml, elementOf, parseXml, textOf, XmlError } from './xml.js';

const reason = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(XmlError);
    return (err as XmlError).reason;
  }
  throw new Error('expected an XmlError');
};

describe('buildXml', () => {
  it('writes strings as CDATA and numbers bare, one field per line', () => {
    const xml = buildXml({ ToUserName: 'gh_1', CreateTime: 1348831860, MsgType: 'text', Content: 'hi', MsgId: 1234567890123456789n });
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName>\n<CreateTime>1348831860</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n' +
        '<Content><![CDATA[hi]]></Content>\n<MsgId>1234567890123456789</MsgId>\n</xml>',
    );
  });

  it('nests elements, repeats arrays, and leaves out null and undefined', () => {
    const xml = buildXml({ Articles: { item: [{ Title: 'a' }, { Title: 'b' }] }, Skip: undefined, Also: null });
    expect(xml).toBe('<xml><Articles><item><Title><![CDATA[a]]></Title></item><item><Title><![CDATA[b]]></Title></item></Articles>\n</xml>');
  });

  it('keeps "]]>" inside content intact through a round trip', () => {
    const content = 'a]]>b<![CDATA[c]]>&amp;';
    const { fields } = parseXml(buildXml({ Content: content }));
    expect(fields.Content).toBe(content);
  });

  it('refuses element names that would break the document', () => {
    expect(() => buildXml({ 'a><b': 'x' })).toThrow();
  });
});

describe('parseXml', () => {
  it('parses a WeChat message: CDATA kept verbatim, entities decoded outside CDATA', () => {
    const { root, fields } = parseXml(
      '<?xml version="1.0" encoding="utf-8"?>\n<xml><ToUserName><![CDATA[ a &amp; b ]]></ToUserName>\n<A>x &amp; y &#20320; &lt;</A><N>12</N><E></E><F/></xml>',
    );
    expect(root).toBe('xml');
    expect(fields).toEqual({ ToUserName: ' a &amp; b ', A: 'x & y 你 <', N: '12', E: '', F: '' });
  });

  it('returns repeated elements as arrays and nested elements as objects', () => {
    const { fields } = parseXml('<xml><Articles><item><T>1</T></item><item><T>2</T></item></Articles><Image><MediaId>m</MediaId></Image></xml>');
    expect(elementOf(fields, 'Articles')).toEqual({ item: [{ T: '1' }, { T: '2' }] });
    expect(textOf(elementOf(fields, 'Image')!, 'MediaId')).toBe('m');
    expect(textOf(fields, 'Image')).toBeUndefined();
    expect(textOf(fields, 'Missing')).toBeUndefined();
  });

  it('accepts a Buffer and a byte-order mark', () => {
    expect(parseXml(Buffer.from('\uFEFF<xml><a>1</a></xml>')).fields).toEqual({ a: '1' });
  });

  it('does not let element names reach the prototype', () => {
    expect(reason(() => parseXml('<xml><__proto__><polluted>1</polluted></__proto__></xml>'))).toBe('malformed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(reason(() => parseXml('<xml><constructor>x</constructor></xml>'))).toBe('malformed');
    const { fields } = parseXml('<xml><a>x</a></xml>');
    expect(textOf(fields, 'toString')).toBeUndefined();
    expect(elementOf(fields, 'constructor')).toBeUndefined();
  });

  it('rejects the billion laughs', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>';
    expect(reason(() => parseXml(bomb))).toBe('doctype');
  });

  it('rejects external entities', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>';
    expect(reason(() => parseXml(xxe))).toBe('doctype');
    expect(reason(() => parseXml('<!doctype html><xml/>'))).toBe('doctype');
  });

  it('leaves undeclared entity references as text instead of resolving anything', () => {
    expect(parseXml('<xml><C>&xxe;</C></xml>').fields.C).toBe('&xxe;');
  });

  it('accepts DOCTYPE-looking text inside CDATA', () => {
    expect(parseXml('<xml><C><![CDATA[<!DOCTYPE x>]]></C></xml>').fields.C).toBe('<!DOCTYPE x>');
  });

  it('rejects deep nesting before parsing', () => {
    const deep = `${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}`;
    expect(reason(() => parseXml(deep, { maxBytes: 10_000_000 }))).toBe('too_deep');
    expect(reason(() => parseXml(`<xml>${'<a>'.repeat(20)}${'</a>'.repeat(20)}</xml>`))).toBe('too_deep');
  });

  it('rejects huge documents by size', () => {
    expect(reason(() => parseXml(`<xml><C>${'x'.repeat(300 * 1024)}</C></xml>`))).toBe('too_large');
    expect(reason(() => parseXml(Buffer.alloc(300 * 1024, 0x41)))).toBe('too_large');
  });

  it.each([
    ['empty', ''],
    ['whitespace', '  \n '],
    ['plain text', 'success!'],
    ['JSON', '{"ToUserName":"x"}'],
    ['unclosed', '<xml><a>1</xml>'],
    ['two roots', '<xml></xml><xml></xml>'],
    ['unterminated CDATA', '<xml><![CDATA[abc</xml>'],
    ['unterminated comment', '<xml><!-- abc</xml>'],
    ['unterminated tag', '<xml'],
    ['garbage bytes', '<\u0000\u0001\u0002>'],
    ['stray closing tags', '</a></b></c>'],
  ])('rejects %s cleanly', (_name, input) => {
    expect(['empty', 'malformed', 'too_deep']).toContain(reason(() => parseXml(input)));
  });

  it('parses random junk without throwing anything but XmlError', () => {
    const alphabet = '<>/![]CDAT-?=&;"\' xml\n\u0000é';
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = Math.floor(Math.random() * 60);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
      try {
        parseXml(s);
      } catch (err) {
        expect(err).toBeInstanceOf(XmlError);
      }
    }
  });
});
