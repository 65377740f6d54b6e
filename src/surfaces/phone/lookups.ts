import type { Executor } from '../../platform/db/connect.js';

/**
 * What the phone kit asks of the modules: the follower behind a phone token and the messages a
 * reconnecting phone missed. The followers and messaging modules provide them at boot
 * (Services.kits, assembled in src/main/server.ts), so the kit reads no module's tables.
 * `User` is the followers module's row; the kit only needs its id.
 */
export interface PhoneLookups<User extends { id: string } = { id: string }> {
  /** The simulated user with this id, or undefined when there is none. */
  followerUser(db: Executor, userId: string): Promise<User | undefined>;
  /** Up to `limit` of the user's messages with an id above `after`, oldest first, as the phone shows them. */
  missedMessages(db: Executor, userId: string, after: number, limit: number): Promise<Array<{ id: number }>>;
}
