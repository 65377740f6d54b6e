/** An article's public page address: `<public base URL>/s/<id>`. */
export function articleUrlFor(publicUrl: string, articleId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/s/${encodeURIComponent(articleId)}`;
}

/** An article's public page address for this Herald (HERALD_PUBLIC_URL). */
export function articleUrl(services: { config: { publicUrl: string } }, articleId: string): string {
  return articleUrlFor(services.config.publicUrl, articleId);
}
