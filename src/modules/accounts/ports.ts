import type { Services } from '../../main/services.js';

/**
 * What the accounts module asks of modules above it (docs/ARCHITECTURE.md, "Module order"):
 * each is registered per Herald instance by the higher module's manifest (`connect`), so
 * accounts never imports them.
 */

/** Keeps an account's avatar image (the media module: checked, stored, served at /media/<id>). */
export type AvatarKeeper = (
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'>,
  accountId: string,
  file: { bytes: Buffer; filename?: string },
) => Promise<{ id: string }>;

const avatarKeepers = new WeakMap<object, AvatarKeeper>();

/** Registers the avatar keeper of one instance's services. */
export function provideAvatarKeeper(services: object, keeper: AvatarKeeper): void {
  avatarKeepers.set(services, keeper);
}

/** The avatar keeper registered for `services`; fails loudly when none was registered at boot. */
export function avatarKeeperOf(services: object): AvatarKeeper {
  const keeper = avatarKeepers.get(services);
  if (!keeper) throw new Error('no avatar keeper registered: the media module connects it when the services are built');
  return keeper;
}
