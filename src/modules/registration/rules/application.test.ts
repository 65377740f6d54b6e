import { describe, expect, it } from 'vitest';
import { accountTypesFor, formProblems, nameProblem, type ApplicationForm } from './application.js';
import { COUNTRIES, isCountryCode } from './countries.js';
import { documentFilename, imageSize, lowQualityScan, sniffDocument } from './documents.js';
import { pngOf } from '../../../../test/factories/images.js';

const form: ApplicationForm = {
  accountType: 'service',
  subjectType: 'enterprise',
  operatingRegion: 'CN',
  jurisdiction: 'CN',
  name: '山海书店',
  wechatId: 'shanhai_books',
  description: '书店的新书与活动。',
  chineseLicence: false,
  partnerEntity: false,
};

describe('application rules', () => {
  it('gives individuals subscription accounts only', () => {
    expect(accountTypesFor('individual')).toEqual(['subscription']);
    expect(accountTypesFor('enterprise')).toEqual(['subscription', 'service']);
    expect(formProblems({ ...form, subjectType: 'individual' }, ['admin_id'])).toContainEqual({ field: 'account_type', code: 'individual_subscription_only' });
  });

  it('needs the documents of the subject type', () => {
    expect(formProblems(form, ['admin_id', 'business_registration'])).toEqual([]);
    expect(formProblems(form, ['admin_id'])).toEqual([{ field: 'documents', code: 'missing_business_registration' }]);
    expect(formProblems({ ...form, subjectType: 'individual', accountType: 'subscription' }, ['admin_id'])).toEqual([]);
  });

  it('checks the regions against ISO 3166 and the foreign-entity rules', () => {
    expect(COUNTRIES.length).toBe(249);
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('XK')).toBe(false);
    expect(isCountryCode('de')).toBe(false);
    const docs = ['admin_id', 'business_registration'];
    expect(formProblems({ ...form, operatingRegion: 'ZZ' }, docs)).toEqual([{ field: 'operating_region', code: 'region_required' }]);
    expect(formProblems({ ...form, jurisdiction: null }, docs)).toEqual([{ field: 'registration_jurisdiction', code: 'jurisdiction_required' }]);
    expect(formProblems({ ...form, jurisdiction: 'US', operatingRegion: 'CN' }, docs)).toEqual([{ field: 'operating_region', code: 'region_jurisdiction_mismatch' }]);
  });

  it('applies the name rules', () => {
    expect(nameProblem('山海书店')).toBeNull();
    expect(nameProblem("Herald's Café (Beijing)")).toBeNull();
    expect(nameProblem('A')).toBe('name_length');
    expect(nameProblem('x'.repeat(31))).toBe('name_length');
    expect(nameProblem('12345')).toBe('name_characters');
    expect(nameProblem('!!!!')).toBe('name_characters');
    expect(nameProblem('abc\u0000def')).toBe('name_characters');
    expect(nameProblem('bell\u0007ring')).toBe('name_characters');
    expect(nameProblem('emoji 😀 name')).toBe('name_characters');
    expect(nameProblem(' padded')).toBe('name_spaces');
    expect(nameProblem('two  spaces')).toBe('name_spaces');
  });

  it('checks the WeChat ID and the description', () => {
    expect(formProblems({ ...form, wechatId: '1abc' }, ['admin_id', 'business_registration'])).toEqual([{ field: 'wechat_id', code: 'wechat_id_format' }]);
    expect(formProblems({ ...form, wechatId: null }, ['admin_id', 'business_registration'])).toEqual([]);
    expect(formProblems({ ...form, description: 'abc' }, ['admin_id', 'business_registration'])).toEqual([{ field: 'description', code: 'description_length' }]);
  });
});


/** A JPEG with an APP0 segment and a SOF0 of the given size. */
const jpegOf = (w: number, h: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08]), Buffer.from([h >> 8, h & 255, w >> 8, w & 255]), Buffer.alloc(12)]);

describe('document rules', () => {
  it('judges the format from the bytes', () => {
    expect(sniffDocument(pngOf(10, 10))).toBe('png');
    expect(sniffDocument(jpegOf(10, 10))).toBe('jpg');
    expect(sniffDocument(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffDocument(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffDocument(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffDocument(Buffer.alloc(0))).toBeUndefined();
  });

  it('reads image sizes and flags scans under 600 px', () => {
    expect(imageSize(pngOf(1200, 800), 'png')).toEqual({ width: 1200, height: 800 });
    expect(imageSize(jpegOf(640, 480), 'jpg')).toEqual({ width: 640, height: 480 });
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00]), 'jpg')).toBeUndefined();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0x00, 0x00]), 'jpg')).toBeUndefined();
    expect(lowQualityScan({ width: 640, height: 480 })).toBe(true);
    expect(lowQualityScan({ width: 1200, height: 800 })).toBe(false);
    expect(lowQualityScan(undefined)).toBe(false);
  });

  it('keeps file names safe', () => {
    expect(documentFilename('../../etc/passwd.png', 'png', 'admin_id')).toBe('etcpasswd.png');
    expect(documentFilename('营业执照 2026.jpg', 'jpg', 'business_registration')).toBe('营业执照 2026.jpg');
    expect(documentFilename('"><script>.pdf', 'pdf', 'admin_id')).toBe('script.pdf');
    expect(documentFilename(undefined, 'pdf', 'admin_id')).toBe('admin_id.pdf');
  });
});
