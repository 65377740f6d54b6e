import type { Services } from '../../../main/services.js';
import { DomainError, dbErrorCode } from '../../../platform/errors.js';
import { CONTROL_SINGLE_LINE, LONE_SURROGATE } from '../../../platform/text.js';
import { newAppid, newOriginalId } from '../../../protocol/ids.js';
import { isWeappAppid, NAME_MAX, parsePages } from '../rules/miniProgram.js';
import { insertMiniProgram, type MiniProgramRow } from '../store.js';

/** What registers a mini program stub. */
export interface NewMiniProgram {
  orgId: string;
  /** Omitted: one is minted (wx + 16 hex). */
  appid?: string;
  name: string;
  iconUrl?: string;
  /** The phone user who confirms links (the mini program's admin). */
  adminUserId?: string | null;
  /** The released version's number. */
  version?: string;
  /** The released version's page paths; the first is the home page. */
  pages: readonly string[];
}

const bad = (at: string, message: string) => new DomainError('invalid_mini_program', message, { at });

/**
 * Registers a mini program stub for an organization: its AppID (40166's form), name (1 to 30
 * characters), icon (an http(s) address), admin and released version with its pages. Refuses an
 * AppID another mini program or an account already has.
 */
export async function createMiniProgram(services: Pick<Services, 'db' | 'clock'>, input: NewMiniProgram): Promise<MiniProgramRow> {
  const appid = (input.appid ?? newAppid()).toLowerCase();
  if (!isWeappAppid(appid)) throw bad('appid', 'The AppID is “wx” followed by 16 hexadecimal digits.');
  const name = input.name.trim();
  if (name === '' || [...name].length > NAME_MAX || CONTROL_SINGLE_LINE.test(name) || LONE_SURROGATE.test(name)) throw bad('name', `The name is 1 to ${NAME_MAX} characters of plain text.`);
  const icon = (input.iconUrl ?? '').trim();
  if (icon !== '' && (icon.length > 1024 || !/^https?:\/\/[^\s"'<>]+$/i.test(icon))) throw bad('icon_url', 'The icon is an http(s) address.');
  const version = (input.version ?? '1.0.0').trim();
  if (version.length > 32 || !/^[0-9A-Za-z.\-_]*$/.test(version)) throw bad('version', 'The version is up to 32 letters, digits, dots or dashes.');
  const pages = parsePages(input.pages);
  if (!pages) throw bad('pages', 'The released version has 1 to 50 page paths such as pages/index/index.');
  try {
    return await insertMiniProgram(services.db, {
      appid,
      username: newOriginalId(),
      name,
      iconUrl: icon,
      orgId: input.orgId,
      adminUserId: input.adminUserId ?? null,
      releasedVersion: version,
      pages,
      createdAt: services.clock.now(),
    });
  } catch (err) {
    if (dbErrorCode(err) === 'unique_violation') throw new DomainError('conflict', 'A mini program with this AppID is already registered.', { at: 'appid' });
    if (dbErrorCode(err) === 'foreign_key_violation') throw bad('admin_user_id', 'The admin is not a phone user.');
    throw err;
  }
}
