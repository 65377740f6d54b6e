/** The console's push-post API shapes (src/console/broadcastPresenter.ts). */

export type PushStatus = 'scheduled' | 'queued' | 'sending' | 'done' | 'failed' | 'cancelled' | 'deleted';

export type PushAudience = { kind: 'all' } | { kind: 'tag'; tag_id: number; tag_name: string | null } | { kind: 'openids'; count: number };

export interface PushCounts {
  total: number;
  filtered: number;
  filtered_out: number;
  sent: number;
  errors: number;
}

export interface Push {
  msg_id: number;
  msg_data_id: number | null;
  msgtype: string;
  source: string;
  summary: string;
  content: string | null;
  media_id: string | null;
  audience: PushAudience;
  status: PushStatus;
  result_status: string | null;
  placement: string;
  notify: boolean;
  counts_to_quota: boolean;
  scheduled_at: string | null;
  accepted_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  created_at: string | null;
  counts: PushCounts;
  batches: number;
  can_cancel: boolean;
}

export interface PushQuota {
  account_type: string;
  period: 'day' | 'month';
  used: number;
  limit: number;
  remaining: number;
  next_available_at: string | null;
}

/** What the composer sends to POST /broadcasts. */
export interface PushRequest {
  msgtype: 'mpnews' | 'text' | 'image';
  draftId?: string;
  mediaId?: string;
  content?: string;
  audience: { kind: 'all' } | { kind: 'tag'; tagId: number };
  scheduledAt?: string;
  sendIgnoreReprint?: boolean;
}

export interface Violation {
  id: number;
  category: string;
  category_label: string;
  term: string;
  passage: string;
  action: string;
  group_id: string | null;
  article_idx: number | null;
  created_at: string;
}

/** Statuses whose counts still change: the page polls while one is shown. */
export const isLive = (s: PushStatus) => s === 'queued' || s === 'sending';
