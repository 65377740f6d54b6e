/**
 * Where Herald serves a stored media (no rule, only the address): the media module serves it,
 * and any module that presents a media id (an avatar, a follower's picture) links to it.
 */

/** The path a media is served at (public: the id is unguessable). Phones use it as is. */
export const mediaPath = (mediaId: string): string => `/media/${mediaId}`;

/** The absolute URL of a media, for PicUrl in pushes. */
export const mediaUrl = (publicUrl: string, mediaId: string): string => `${publicUrl.replace(/\/$/, '')}${mediaPath(mediaId)}`;
