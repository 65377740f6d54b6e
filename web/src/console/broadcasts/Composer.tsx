import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Link } from 'react-router';
import { Alert, Button, Card, Dialog, EmptyState, Field, Loading, RadioGroup, TextArea, Input } from '../../ui/index.js';
import { MaterialPicker } from '../materials/MaterialPicker.js';
import type { MaterialItem } from '../materials/types.js';
import type { DraftSummary } from '../articles/types.js';
import type { TagsView } from '../followers/types.js';
import { DRAFTS_PATH } from '../articles/DraftsPage.js';
import { useAccountData } from '../queries.js';
import type { AccountDetail } from '../types.js';
import { BlockedNotice, type BlockDetails } from './BlockedNotice.js';
import { chinaShort, fromChinaInput, toChinaInput } from './chinaTime.js';
import { quotaSentence } from './QuotaPanel.js';
import type { Push, PushQuota, PushRequest } from './types.js';

const TEXT_MAX = 2000;
const SCHEDULE_MIN_MS = 5 * 60_000;
const SCHEDULE_MAX_MS = 7 * 86_400_000;

type Kind = PushRequest['msgtype'];
type Problem =
  | { kind: 'blocked'; message: string; details: BlockDetails }
  | { kind: 'quota'; message: string; next: string | null }
  | { kind: 'error'; message: string };

/** A default schedule: the next full hour at least 15 minutes away, in China time. */
function defaultSchedule(): string {
  const hour = 3600_000;
  return toChinaInput(Math.ceil((Date.now() + 15 * 60_000) / hour) * hour);
}

function problemOf(err: unknown): Problem {
  if (err instanceof ApiError && err.code === 'content_blocked') return { kind: 'blocked', message: err.message, details: (err.details ?? {}) as unknown as BlockDetails };
  if (err instanceof ApiError && err.code === 'push_quota_exceeded') return { kind: 'quota', message: err.message, next: (err.details?.next_available_at as string | null) ?? null };
  return { kind: 'error', message: errorMessage(err) };
}

/**
 * Writes a push post: a draft from the draft box, a text or an image; the audience (all
 * followers or a tag); now or at a China time. A confirmation shows what will happen; refusals
 * (quota, moderation, reprints) are explained in place.
 */
export function Composer({ account, quota, onSent, onRefused }: { account: AccountDetail; quota: PushQuota | undefined; onSent(push: Push): void; onRefused(): void }) {
  const base = `/accounts/${account.appid}`;
  const [kind, setKind] = useState<Kind>('mpnews');
  const [draftId, setDraftId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [image, setImage] = useState<MaterialItem | null>(null);
  const [picking, setPicking] = useState(false);
  const [audience, setAudience] = useState<'all' | 'tag'>('all');
  const [tagId, setTagId] = useState<string>('');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState(defaultSchedule);
  const [confirming, setConfirming] = useState(false);
  const [reprint, setReprint] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const drafts = useAccountData<{ drafts: DraftSummary[] }>(account.appid, DRAFTS_PATH, { enabled: kind === 'mpnews' });
  const tags = useAccountData<TagsView>(account.appid, '/tags');
  const userTags = (tags.data?.tags ?? []).filter((t) => !t.system || t.count > 0);
  const size = useAccountData<{ followers: number }>(account.appid, audience === 'all' ? '/broadcasts/audience' : `/broadcasts/audience?tagId=${tagId}`, {
    enabled: audience === 'all' || tagId !== '',
  });
  const draft = drafts.data?.drafts.find((d) => d.media_id === draftId) ?? null;

  const scheduleIso = when === 'later' ? fromChinaInput(at) : null;
  const scheduleError = useMemo(() => {
    if (when !== 'later') return null;
    if (!scheduleIso) return 'Pick a date and time.';
    const ms = new Date(scheduleIso).getTime() - Date.now();
    if (ms < SCHEDULE_MIN_MS) return 'Pick a time at least 5 minutes from now.';
    if (ms > SCHEDULE_MAX_MS) return 'Pick a time within the next 7 days.';
    return null;
  }, [when, scheduleIso]);

  const contentMissing = kind === 'mpnews' ? !draftId : kind === 'text' ? text.trim() === '' : !image;
  const ready = !contentMissing && (audience === 'all' || tagId !== '') && !scheduleError && text.length <= TEXT_MAX;
  const quotaFull = quota !== undefined && quota.remaining === 0 && when === 'now';

  const request = (ignoreReprint: boolean): PushRequest => ({
    msgtype: kind,
    ...(kind === 'mpnews' ? { draftId: draftId ?? '' } : kind === 'image' ? { mediaId: image?.media_id ?? '' } : { content: text }),
    audience: audience === 'all' ? { kind: 'all' } : { kind: 'tag', tagId: Number(tagId) },
    ...(scheduleIso ? { scheduledAt: scheduleIso } : {}),
    ...(ignoreReprint ? { sendIgnoreReprint: true } : {}),
  });

  const send = async (ignoreReprint: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      const { push } = await consoleApi.post<{ push: Push }>(`${base}/broadcasts`, request(ignoreReprint));
      setConfirming(false);
      setReprint(null);
      setText('');
      setDraftId(null);
      setImage(null);
      onSent(push);
    } catch (err) {
      setConfirming(false);
      if (err instanceof ApiError && err.code === 'reprint_confirm') setReprint(err.message);
      else {
        setReprint(null);
        setProblem(problemOf(err));
        onRefused();
      }
    } finally {
      setBusy(false);
    }
  };

  const audienceLabel = audience === 'all' ? 'all followers' : `followers tagged “${userTags.find((t) => String(t.id) === tagId)?.name ?? ''}”`;
  const reach = size.data ? `${size.data.followers} ${size.data.followers === 1 ? 'follower' : 'followers'}` : '…';
  const what = kind === 'mpnews' ? `“${draft?.title || 'Untitled'}”${draft && draft.article_count > 1 ? ` and ${draft.article_count - 1} more article(s)` : ''}` : kind === 'text' ? 'this text' : 'this image';

  return (
    <Card title="New push post" description="Push articles, a text or an image to your followers. Push posts arrive in their chat list.">
      <div className="push-composer">
        <RadioGroup<Kind>
          name="push-kind"
          label="What to push"
          value={kind}
          onChange={(v) => { setKind(v); setProblem(null); }}
          options={[
            { value: 'mpnews', label: 'Articles', description: 'A post from the draft box' },
            { value: 'text', label: 'Text', description: 'A short message' },
            { value: 'image', label: 'Image', description: 'From the materials library' },
          ]}
        />
        {kind === 'mpnews' && (
          <fieldset className="draft-pick">
            <legend className="field-label">Draft</legend>
            {drafts.error && <Alert tone="error" title="Could not load drafts">{drafts.error.message}</Alert>}
            {!drafts.data && !drafts.error && <Loading label="Loading drafts…" />}
            {drafts.data && drafts.data.drafts.length === 0 && (
              <EmptyState title="The draft box is empty">
                <Link to={`/console/accounts/${account.appid}/drafts/new`}>Write a push post</Link> first, then come back to send it.
              </EmptyState>
            )}
            {drafts.data && drafts.data.drafts.length > 0 && (
              <ul className="draft-options">
                {drafts.data.drafts.map((d) => (
                  <li key={d.media_id}>
                    <label className={`draft-option ${draftId === d.media_id ? 'checked' : ''}`}>
                      <input type="radio" name="push-draft" checked={draftId === d.media_id} onChange={() => setDraftId(d.media_id)} />
                      {d.cover_url ? <img src={d.cover_url} alt="" /> : <span className="draft-option-noimg" aria-hidden="true">▤</span>}
                      <span className="draft-option-text">
                        <span className="draft-option-title">{d.title || 'Untitled'}</span>
                        <span className="field-hint">{d.article_count} article{d.article_count === 1 ? '' : 's'}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
        {kind === 'text' && (
          <Field label={<span className="label-row">Text <span className={`counter ${text.length > TEXT_MAX ? 'over' : ''}`}>{text.length} / {TEXT_MAX}</span></span>} error={text.length > TEXT_MAX ? `The text is at most ${TEXT_MAX} characters.` : null}>
            {(p) => <TextArea {...p} className="prose" rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder="Good morning! Today's digest is out." />}
          </Field>
        )}
        {kind === 'image' && (
          <div className="field">
            <span className="field-label">Image</span>
            <div className="image-pick">
              {image && <img src={image.url} alt={image.name} className="image-pick-thumb" />}
              <Button onClick={() => setPicking(true)}>{image ? 'Choose another image' : 'Choose an image'}</Button>
            </div>
            <MaterialPicker appid={account.appid} open={picking} title="Image to push" onClose={() => setPicking(false)} onPick={(m) => { setImage(m); setPicking(false); }} />
          </div>
        )}

        <RadioGroup<'all' | 'tag'>
          name="push-audience"
          label="Audience"
          value={audience}
          onChange={setAudience}
          options={[
            { value: 'all', label: 'All followers', description: tags.data ? `${tags.data.followers} followers` : 'Everyone who follows the account' },
            { value: 'tag', label: 'Followers with a tag', description: userTags.length ? `${userTags.length} ${userTags.length === 1 ? 'tag' : 'tags'}` : 'Tag followers on the Followers page' },
          ]}
        />
        {audience === 'tag' && (
          <Field label="Tag">
            {(p) => (
              <select {...p} className="input" value={tagId} onChange={(e) => setTagId(e.target.value)}>
                <option value="">Choose a tag…</option>
                {userTags.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.count})</option>)}
              </select>
            )}
          </Field>
        )}
        <p className="reach" data-testid="push-reach">Reaches <strong>{audience === 'tag' && !tagId ? '—' : reach}</strong> (blacklisted followers are left out).</p>

        <RadioGroup<'now' | 'later'>
          name="push-when"
          label="When"
          value={when}
          onChange={setWhen}
          options={[
            { value: 'now', label: 'Send now' },
            { value: 'later', label: 'Schedule', description: 'Between 5 minutes and 7 days ahead' },
          ]}
        />
        {when === 'later' && (
          <Field label="Send at (China time, UTC+8)" error={scheduleError} hint={scheduleIso ? `Goes out ${chinaShort(scheduleIso)} China time, ${new Date(scheduleIso).toLocaleString()} your time.` : undefined}>
            {(p) => <Input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
          </Field>
        )}

        {problem?.kind === 'blocked' && <BlockedNotice details={problem.details} />}
        {problem?.kind === 'quota' && (
          <Alert tone="warning" title="No push posts left">
            {problem.message} The next push is possible {chinaShort(problem.next)} (China time).
          </Alert>
        )}
        {problem?.kind === 'error' && <Alert tone="error" title="The push post was not sent">{problem.message}</Alert>}
        {quotaFull && !problem && quota && <Alert tone="warning" title="No push posts left">{quotaSentence(quota)}. You can schedule one for a later {quota.period === 'day' ? 'day' : 'month'}.</Alert>}

        <div className="form-actions">
          <Button variant="primary" disabled={!ready} onClick={() => { setProblem(null); setConfirming(true); }}>
            {when === 'now' ? 'Send push post…' : 'Schedule push post…'}
          </Button>
          {contentMissing && <span className="field-hint">{kind === 'mpnews' ? 'Pick a draft to push.' : kind === 'text' ? 'Write the text to push.' : 'Choose an image to push.'}</span>}
        </div>
      </div>

      <Dialog
        open={confirming}
        title={when === 'now' ? 'Send this push post now?' : 'Schedule this push post?'}
        onClose={() => setConfirming(false)}
        footer={<><Button onClick={() => setConfirming(false)}>Cancel</Button><Button variant="primary" loading={busy} onClick={() => void send(false)}>{when === 'now' ? 'Send now' : 'Schedule'}</Button></>}
      >
        <p className="dialog-lead">
          {what} goes to <strong>{audienceLabel}</strong> ({reach}) {when === 'now' ? 'right away' : <>at <strong>{chinaShort(scheduleIso)}</strong> China time</>}.
        </p>
        <p className="field-hint">It uses one push post of the {quota?.period === 'month' ? 'month' : 'day'}{quota ? ` (${quota.used} of ${quota.limit} used so far)` : ''}. A push post cannot be edited once sent.</p>
      </Dialog>

      <Dialog
        open={reprint !== null}
        title="This push post reprints original articles"
        onClose={() => setReprint(null)}
        footer={<><Button onClick={() => setReprint(null)}>Don’t send</Button><Button variant="primary" loading={busy} onClick={() => void send(true)}>Send anyway as a reprint</Button></>}
      >
        <p className="dialog-lead">One or more articles repost original articles of other accounts. A push post like this is stopped unless you confirm.</p>
        <p className="field-hint">Sent anyway, each reposted article names the account it comes from and links to the original.</p>
      </Dialog>
    </Card>
  );
}
