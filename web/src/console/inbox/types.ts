/**
 * The inbox API's shapes, from the server's presenters and view builders (type-only imports).
 */
import type { ConversationMessage } from '../../../../src/modules/kf/console/inboxPresenter.js';
import type { ConversationState } from '../../../../src/modules/kf/console/inboxMessageRoutes.js';
import type { InboxView } from '../../../../src/modules/kf/console/inboxRoutes.js';

export type {
  BoardEntry, ConversationMessage, FollowerBrief, FollowerProfile, OpenSession, OperatorChoice, WindowInfo,
  ConsoleRepresentative as Representative,
} from '../../../../src/modules/kf/console/inboxPresenter.js';
export type { InboxView } from '../../../../src/modules/kf/console/inboxRoutes.js';
export type { RepresentativesView } from '../../../../src/modules/kf/console/inboxKfRoutes.js';

/** The representative this operator works as (`me` of the inbox and the team). */
export type MyKf = NonNullable<InboxView['me']>;

/** A follower in the wait queue, with the window of their conversation. */
export type WaitingEntry = InboxView['waiting'][number];
/** An active session, with the window of its conversation. */
export type SessionEntry = InboxView['mine'][number];
/** The latest message of a conversation, as one line. */
export type Preview = NonNullable<WaitingEntry['preview']>;
/** How long an inquiry has waited for an answer. */
export type ResponseInfo = WaitingEntry['response'];

/** A page of a conversation: the header and messages, oldest first. */
export type ConversationPage = ConversationState & { messages: ConversationMessage[]; has_more: boolean };

/** The inbox's views: the conversations, the 48-hour board, and the team of representatives. */
export type InboxTab = 'conversations' | 'board' | 'team';
