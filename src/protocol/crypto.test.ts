import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesKeyBytes, decrypt, encrypt, msgSignature, signature, signaturesEqual, WxCryptError } from './crypto.js';

// Reference §4, vector 1: the official sample as used by WxJava's WxCryptUtilTest.
const OFFICIAL = {
  token: 'pamtest',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appid: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  msg: '我是中文abcd123',
  encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
  timestamp: '1409304348',
  nonce: 'xxxxxx',
  msgSignature: '82c962d39941aa48552f90ef55aa323dc620cc10',
};

// Reference §4, vector 2: wechatpy tests/test_crypto.py.
const WECHATPY = {
  token: '123456',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  id: 'wx49f0ab532d5d035a',
  decryptEncrypt:
    'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
  decryptTimestamp: '1411525903',
  decryptNonce: '461056294',
  decryptSignature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
  encryptRandom: '1234567890123456',
  encryptReply:
    '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>',
  encryptExpected:
    '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
  encryptSignature: '407518b7649e86ef23978113f92d27afa9296533',
  echostr: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
  echoTimestamp: '1411443780',
  echoNonce: '437374425',
  echoSignature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
};

describe('callback signatures', () => {
  it('signs URL verification as sha1 of the sorted token, timestamp and nonce (reference §3 example)', () => {
    expect(signature('pamtest', '1409304348', 'xxxxxx')).toBe('76480565cbe296026c53aaacd1ad523a1ddba24f');
  });

  it('does not depend on argument order beyond the sort', () => {
    // The sort makes the signature a function of the set of values.
    expect(signature('b', 'a', 'c')).toBe(signature('a', 'b', 'c'));
    expect(signature('pamtest', '1409304348', 'xxxxxy')).not.toBe('76480565cbe296026c53aaacd1ad523a1ddba24f');
  });

  it('computes msg_signature over the four values', () => {
    expect(msgSignature(OFFICIAL.token, OFFICIAL.timestamp, OFFICIAL.nonce, OFFICIAL.encrypt)).toBe(OFFICIAL.msgSignature);
    expect(msgSignature(WECHATPY.token, WECHATPY.decryptTimestamp, WECHATPY.decryptNonce, WECHATPY.decryptEncrypt)).toBe(WECHATPY.decryptSignature);
    expect(msgSignature(WECHATPY.token, WECHATPY.decryptTimestamp, WECHATPY.decryptNonce, WECHATPY.encryptExpected)).toBe(WECHATPY.encryptSignature);
    expect(msgSignature(WECHATPY.token, WECHATPY.echoTimestamp, WECHATPY.echoNonce, WECHATPY.echostr)).toBe(WECHATPY.echoSignature);
    // wechatpy's failing case: one digit of the nonce changed.
    expect(msgSignature(WECHATPY.token, WECHATPY.echoTimestamp, '437374424', WECHATPY.echostr)).not.toBe(WECHATPY.echoSignature);
  });

  it('compares signatures without throwing on different lengths', () => {
    expect(signaturesEqual('abc', 'abc')).toBe(true);
    expect(signaturesEqual('abc', 'abd')).toBe(false);
    expect(signaturesEqual('abc', 'abcd')).toBe(false);
    expect(signaturesEqual('', '')).toBe(true);
  });
});

describe('safe-mode encryption', () => {
  it('derives the official key bytes', () => {
    expect(aesKeyBytes(OFFICIAL.aesKey).toString('hex')).toBe('69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051');
  });

  it('reproduces the official sample ciphertext exactly and decrypts it back', () => {
    expect(encrypt(OFFICIAL.aesKey, OFFICIAL.appid, OFFICIAL.msg, OFFICIAL.random)).toBe(OFFICIAL.encrypt);
    expect(decrypt(OFFICIAL.aesKey, OFFICIAL.appid, OFFICIAL.encrypt)).toEqual({ message: OFFICIAL.msg, appid: OFFICIAL.appid });
  });

  it('decrypts the wechatpy message vector', () => {
    const { message, appid } = decrypt(WECHATPY.aesKey, WECHATPY.id, WECHATPY.decryptEncrypt);
    expect(appid).toBe(WECHATPY.id);
    expect(message).toContain('<Content><![CDATA[test]]></Content>');
    expect(message).toContain('<FromUserName><![CDATA[messense]]></FromUserName>');
    expect(message).toContain('4363689963896700987');
  });

  it('reproduces the wechatpy encrypt vector (full ciphertext, begins and ends as documented)', () => {
    const out = encrypt(WECHATPY.aesKey, WECHATPY.id, WECHATPY.encryptReply, WECHATPY.encryptRandom);
    expect(out.startsWith('9s4gMv99m88kKTh/H8IdkOiMg6bisoy3')).toBe(true);
    expect(out.endsWith('XeFYFMNMpatF9XiKzHo3')).toBe(true);
    expect(out).toBe(WECHATPY.encryptExpected);
    expect(msgSignature(WECHATPY.token, WECHATPY.decryptTimestamp, WECHATPY.decryptNonce, out)).toBe(WECHATPY.encryptSignature);
  });

  it('decrypts the wechatpy echostr vector', () => {
    expect(decrypt(WECHATPY.aesKey, WECHATPY.id, WECHATPY.echostr).message).toBe('5927782489442352469');
  });

  it('pads to 32-byte blocks, adding a full block when already aligned', () => {
    // 16 random + 4 length + 12 message = 32 bytes with an empty appid: a whole pad block follows.
    const out = Buffer.from(encrypt(OFFICIAL.aesKey, '', 'x'.repeat(12), OFFICIAL.random), 'base64');
    expect(out.length).toBe(64);
    const shorter = Buffer.from(encrypt(OFFICIAL.aesKey, '', 'x'.repeat(11), OFFICIAL.random), 'base64');
    expect(shorter.length).toBe(32);
  });

  it('round-trips with random prefixes, unicode and large messages', () => {
    for (const msg of ['', 'a', '<xml><Content><![CDATA[你好 🌏]]></Content></xml>', 'z'.repeat(100_000)]) {
      const c1 = encrypt(WECHATPY.aesKey, WECHATPY.id, msg);
      const c2 = encrypt(WECHATPY.aesKey, WECHATPY.id, msg);
      expect(c1).not.toBe(c2);
      expect(decrypt(WECHATPY.aesKey, WECHATPY.id, c1).message).toBe(msg);
    }
  });

  it('rejects a message encrypted for another appid', () => {
    const c = encrypt(OFFICIAL.aesKey, 'wxaaaaaaaaaaaaaaaa', 'hello');
    expect(() => decrypt(OFFICIAL.aesKey, OFFICIAL.appid, c)).toThrow(WxCryptError);
    try {
      decrypt(OFFICIAL.aesKey, OFFICIAL.appid, c);
    } catch (err) {
      expect((err as WxCryptError).reason).toBe('appid_mismatch');
    }
    expect(decrypt(OFFICIAL.aesKey, null, c).appid).toBe('wxaaaaaaaaaaaaaaaa');
  });

  it('detects tampering: the trailing blocks by decryption, everything by msg_signature', () => {
    // WXBizMsgCrypt has no MAC: CBC lets a flipped bit through into the message body, which is
    // why receivers check msg_signature before decrypting. Decryption must still never crash.
    const c = Buffer.from(OFFICIAL.encrypt, 'base64');
    const lastBlock = c.length - 16;
    for (let i = 0; i < c.length; i++) {
      const t = Buffer.from(c);
      t[i] ^= 0x01;
      const tampered = t.toString('base64');
      expect(msgSignature(OFFICIAL.token, OFFICIAL.timestamp, OFFICIAL.nonce, tampered)).not.toBe(OFFICIAL.msgSignature);
      let outcome: string;
      try {
        const r = decrypt(OFFICIAL.aesKey, OFFICIAL.appid, tampered);
        outcome = r.message === OFFICIAL.msg ? 'same' : 'changed';
      } catch (err) {
        expect(err).toBeInstanceOf(WxCryptError);
        outcome = (err as WxCryptError).reason;
      }
      // Flipping the final ciphertext block garbles the padding and appid: always caught.
      if (i >= lastBlock) expect(['bad_padding', 'bad_layout', 'appid_mismatch']).toContain(outcome);
      // Flipping the block before it flips padding/appid bytes exactly: also caught.
      if (i >= lastBlock - 16 && i < lastBlock) expect(['bad_padding', 'bad_layout', 'appid_mismatch']).toContain(outcome);
    }
  });

  it('rejects a wrong key', () => {
    expect(() => decrypt(WECHATPY.aesKey, OFFICIAL.appid, OFFICIAL.encrypt)).toThrow(WxCryptError);
  });

  it.each([
    ['empty', ''],
    ['not base64', '!!!!'],
    ['short block', Buffer.alloc(16).toString('base64')],
    ['odd length', 'abc'],
    ['whitespace in the middle', `${OFFICIAL.encrypt.slice(0, 10)} ${OFFICIAL.encrypt.slice(10)}`],
    ['huge garbage', 'A'.repeat(1_000_000)],
  ])('rejects malformed ciphertext: %s', (_name, input) => {
    expect(() => decrypt(OFFICIAL.aesKey, OFFICIAL.appid, input)).toThrow(WxCryptError);
  });

  it('rejects a length prefix that points past the data', () => {
    // Hand-build a plaintext whose length prefix claims more bytes than exist.
    const key = aesKeyBytes(OFFICIAL.aesKey);
    const plain = Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from('hi'), Buffer.alloc(10, 10)]);
    // Pad manually to 32: plain is 32 already with the 10 bytes above acting as the message tail; add a full pad block.
    const padded = Buffer.concat([plain, Buffer.alloc(32, 32)]);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const enc = Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
    expect(() => decrypt(OFFICIAL.aesKey, null, enc)).toThrow(/length prefix/);
  });

  it.each([
    ['too short', 'abc'],
    ['44 characters', `${OFFICIAL.aesKey}A`],
    ['illegal characters', `${OFFICIAL.aesKey.slice(0, 42)}!`],
  ])('rejects an EncodingAESKey that is %s', (_n, key) => {
    expect(() => encrypt(key, 'wx', 'x')).toThrow(WxCryptError);
  });
});
