/** 消息管理's API shapes, from the server's presenters (type-only imports). */
import type { FollowerMessagesView } from '../../../../src/modules/messaging/console/messageRoutes.js';

export type { FollowerMessagesView } from '../../../../src/modules/messaging/console/messageRoutes.js';
export type { MessageRange } from '../../../../src/modules/messaging/rules/messageRange.js';

/** One follower message with its follower's reply window. */
export type FollowerMessageEntry = FollowerMessagesView['messages'][number];
/** The follower's customer-service window as the list reports it. */
export type ReplyWindow = FollowerMessageEntry['window'];
