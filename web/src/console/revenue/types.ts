/** The revenue API's shape (GET /console/api/accounts/:appid/revenue?days=N). */
export interface DonationByArticle {
  article_id: string;
  title: string;
  count: number;
  total_fen: number;
}

export interface RecentDonation {
  id: number;
  article_id: string;
  article_title: string;
  amount_fen: number;
  message: string;
  created_at: string;
  donor?: string | null;
}

export interface AdDay {
  day: string;
  impressions: number;
  clicks: number;
  revenue_fen: number;
}

export interface RevenueView {
  days: number;
  donations: {
    total_fen: number;
    count: number;
    by_article: DonationByArticle[];
    recent: RecentDonation[];
  };
  ads: {
    impressions: number;
    clicks: number;
    revenue_fen: number;
    by_day: AdDay[];
  };
}

/** ¥12.34 from fen. */
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
