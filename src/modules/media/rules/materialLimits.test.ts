import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { checkArticleImage, checkMaterial, materialFits, parseVideoDescription, sniffMaterialFormat } from './materialLimits.js';

const WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE'), Buffer.alloc(8)]);
const WMA = Buffer.concat([Buffer.from('3026b2758e66cf11a6d900aa0062ce6c', 'hex'), Buffer.alloc(8)]);
const pad = (head: Buffer, size: number) => Buffer.concat([head, Buffer.alloc(size - head.length)]);

describe('permanent material rules', () => {
  it('sniffs wav and wma besides the temporary-media formats', () => {
    expect(sniffMaterialFormat(WAV)).toBe('wav');
    expect(sniffMaterialFormat(WMA)).toBe('wma');
    expect(sniffMaterialFormat(PLACEHOLDER_PNG)).toBe('png');
    expect(sniffMaterialFormat(Buffer.from('RIFF0000AVI '))).toBeUndefined();
    expect(sniffMaterialFormat(Buffer.alloc(0))).toBeUndefined();
  });

  it('applies the per-kind sizes and formats', () => {
    expect(checkMaterial('image', PLACEHOLDER_PNG)).toMatchObject({ ok: true, contentType: 'image/png' });
    expect(checkMaterial('image', pad(PLACEHOLDER_PNG, 2 * 1024 * 1024))).toMatchObject({ ok: true });
    expect(checkMaterial('image', pad(PLACEHOLDER_PNG, 2 * 1024 * 1024 + 1))).toEqual({ ok: false, errcode: 40009 });
    expect(checkMaterial('voice', WAV)).toMatchObject({ ok: true, contentType: 'audio/wav' });
    expect(checkMaterial('voice', WMA)).toMatchObject({ ok: true, contentType: 'audio/x-ms-wma' });
    expect(checkMaterial('voice', PLACEHOLDER_AMR)).toMatchObject({ ok: true });
    expect(checkMaterial('voice', pad(PLACEHOLDER_AMR, 2 * 1024 * 1024 + 1))).toEqual({ ok: false, errcode: 40010 });
    expect(checkMaterial('video', PLACEHOLDER_MP4)).toMatchObject({ ok: true });
    expect(checkMaterial('video', WAV)).toEqual({ ok: false, errcode: 40005 });
    expect(checkMaterial('thumb', PLACEHOLDER_JPEG)).toMatchObject({ ok: true });
    expect(checkMaterial('thumb', PLACEHOLDER_PNG)).toEqual({ ok: false, errcode: 40005 });
    expect(checkMaterial('thumb', pad(PLACEHOLDER_JPEG, 64 * 1024 + 1))).toEqual({ ok: false, errcode: 40012 });
    expect(checkMaterial('image', Buffer.alloc(0))).toEqual({ ok: false, errcode: 44001 });
  });

  it('takes jpg and png under 1 MB as article images', () => {
    expect(checkArticleImage(PLACEHOLDER_JPEG)).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(checkArticleImage(pad(PLACEHOLDER_PNG, 1024 * 1024 - 1))).toMatchObject({ ok: true });
    expect(checkArticleImage(pad(PLACEHOLDER_PNG, 1024 * 1024))).toEqual({ ok: false, errcode: 40009 });
    expect(checkArticleImage(Buffer.from('GIF89a0000000000'))).toEqual({ ok: false, errcode: 40005 });
  });

  it('counts 100,000 images and news, 1,000 of the rest', () => {
    expect(materialFits('image', 99_999)).toBe(true);
    expect(materialFits('image', 100_000)).toBe(false);
    expect(materialFits('news', 99_999)).toBe(true);
    expect(materialFits('voice', 999)).toBe(true);
    expect(materialFits('voice', 1000)).toBe(false);
    expect(materialFits('thumb', 1000)).toBe(false);
  });

  it('parses a video description', () => {
    expect(parseVideoDescription('{"title":" T ","introduction":"I"}')).toEqual({ title: 'T', introduction: 'I' });
    expect(parseVideoDescription('{"title":"T"}')).toEqual({ title: 'T', introduction: '' });
    expect(parseVideoDescription(undefined)).toEqual({ errcode: 40035 });
    expect(parseVideoDescription('{"title":""}')).toEqual({ errcode: 40035 });
    expect(parseVideoDescription('{"title":"T","introduction":{}}')).toEqual({ errcode: 40035 });
    expect(parseVideoDescription('nope')).toEqual({ errcode: 47001 });
    expect(parseVideoDescription('null')).toEqual({ errcode: 47001 });
    expect(parseVideoDescription('"T"')).toEqual({ errcode: 47001 });
    expect(parseVideoDescription(`{"title":"${'标'.repeat(65)}"}`)).toEqual({ errcode: 45003 });
    expect(parseVideoDescription(`{"title":"${'😀'.repeat(64)}"}`)).toMatchObject({ title: expect.any(String) });
    expect(parseVideoDescription('{"title":"\\ud800"}')).toEqual({ errcode: 40035 });
    expect(parseVideoDescription(`{"title":"t","introduction":"${'x'.repeat(70_000)}"}`)).toEqual({ errcode: 45004 });
  });
});
