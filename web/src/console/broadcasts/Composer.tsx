import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Link } from 'react-router';
import { Alert, Button, Card, Dialog, EmptyState, Field, Loading, RadioGroup, TextArea } from '../../ui/index.js';
import type { PickedMaterial } from '../materials/types.js';
import { PushMaterial, type MaterialPushKind } from './PushMaterial.js';
import type { DraftSummary } from '../articles/types.js';
import type { TagsView } from '../followers/types.js';
import { DRAFTS_PATH } from '../articles/DraftsPage.js';
import { useAccountData } from '../queries.js';
import type { AccountDetail } from '../types.js';
import { BlockedNotice, type BlockDetails } from './BlockedNotice.js';
import { chinaShort } from './chinaTime.js';
import { formatTime } from '../../i18n/time.js';
import { quotaSentence } from './QuotaPanel.js';
import type { Push, PushQuota, PushRequest, PushSchedule } from './types.js';
import { t } from '../../i18n/index.js';

const TEXT_MAX = 2000;

type Kind = PushRequest['msgtype'];
type Problem =
  | { kind: 'blocked'; message: string; details: BlockDetails }
  | { kind: 'quota'; message: string; next: string | null }
  | { kind: 'error'; message: string };

/** The times on the step within an offered window (the server's rule; ISO instants). */
function slotsOf(w: PushSchedule['windows'][number], stepMinutes: number): string[] {
  const step = stepMinutes * 60_000;
  const out: string[] = [];
  const to = Date.parse(w.to);
  for (let ms = Math.ceil(Date.parse(w.from) / step) * step; ms <= to; ms += step) out.push(new Date(ms).toISOString());
  return out;
}

function problemOf(err: unknown): Problem {
  if (err instanceof ApiError && err.code === 'content_blocked') return { kind: 'blocked', message: err.message, details: (err.details ?? {}) as unknown as BlockDetails };
  if (err instanceof ApiError && err.code === 'push_quota_exceeded') return { kind: 'quota', message: err.message, next: (err.details?.next_available_at as string | null) ?? null };
  return { kind: 'error', message: errorMessage(err) };
}

const isMaterialKind = (k: Kind): k is MaterialPushKind => k === 'image' || k === 'voice' || k === 'mpvideo' || k === 'article';

/** The hint under the send button while the content is missing. */
const MISSING_HINT: Record<Kind, () => string> = {
  mpnews: () => t('broadcasts.pickADraftTo'),
  text: () => t('broadcasts.writeTheTextTo'),
  image: () => t('broadcasts.chooseAnImageTo'),
  voice: () => t('broadcasts.chooseVoiceTo'),
  mpvideo: () => t('broadcasts.chooseVideoTo'),
  article: () => t('broadcasts.chooseArticleTo'),
};

/**
 * Writes a push post: a draft from the draft box, a text, or a material (an image, a voice, a
 * video or a published article, chosen in the material picker and previewed); the audience (all
 * followers or a tag); now or at a China time. A confirmation shows what will happen; refusals
 * (quota, moderation, reprints) are explained in place.
 */
export function Composer({ account, quota, onSent, onRefused }: { account: AccountDetail; quota: PushQuota | undefined; onSent(push: Push): void; onRefused(): void }) {
  const base = `/accounts/${account.appid}`;
  const [kind, setKind] = useState<Kind>('mpnews');
  const [draftId, setDraftId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [materials, setMaterials] = useState<Partial<Record<MaterialPushKind, PickedMaterial>>>({});
  const material = isMaterialKind(kind) ? materials[kind] ?? null : null;
  const [audience, setAudience] = useState<'all' | 'tag'>('all');
  const [tagId, setTagId] = useState<string>('');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [day, setDay] = useState('');
  const [slot, setSlot] = useState('');
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

  // Only China days with push quota left are offered, on the server's step (the broadcasts rule).
  const schedule = useAccountData<{ schedule: PushSchedule }>(account.appid, '/broadcasts/schedule', { enabled: when === 'later' });
  const windows = schedule.data?.schedule.windows ?? [];
  const window = windows.find((w) => w.day === day) ?? windows[0];
  const slots = window && schedule.data ? slotsOf(window, schedule.data.schedule.step_minutes) : [];
  const chosen = slots.includes(slot) ? slot : slots[0] ?? null;
  const scheduleIso = when === 'later' ? chosen : null;
  const scheduleError = when === 'later' && schedule.data && !chosen ? t('broadcasts.noTimeWithQuota', { time: chinaShort(schedule.data.schedule.next_push_at) }) : null;

  const contentMissing = kind === 'mpnews' ? !draftId : kind === 'text' ? text.trim() === '' : !material;
  const ready = !contentMissing && (audience === 'all' || tagId !== '') && (when === 'now' || scheduleIso !== null) && text.length <= TEXT_MAX;
  const quotaFull = quota !== undefined && quota.remaining === 0 && when === 'now';

  const request = (ignoreReprint: boolean): PushRequest => ({
    msgtype: kind,
    ...(kind === 'mpnews' ? { draftId: draftId ?? '' } : kind === 'text' ? { content: text } : kind === 'article' ? { articleId: material?.article_id ?? '' } : { mediaId: material?.media_id ?? '' }),
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
      setMaterials({});
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

  const audienceLabel = audience === 'all' ? t('broadcasts.audienceAll') : t('broadcasts.audienceTag', { name: userTags.find((tag) => String(tag.id) === tagId)?.name ?? '' });
  const reach = size.data ? t('broadcasts.followerCount', { count: size.data.followers }) : '…';
  const title = draft?.title || t('broadcasts.untitled');
  const materialName = material?.title || material?.name || '';
  const what = kind === 'mpnews'
    ? draft && draft.article_count > 1 ? t('broadcasts.whatArticles', { title, more: draft.article_count - 1 }) : t('broadcasts.whatArticle', { title })
    : kind === 'text' ? t('broadcasts.whatText')
      : kind === 'image' ? t('broadcasts.whatImage')
        : kind === 'voice' ? t('broadcasts.whatVoice', { name: materialName })
          : kind === 'mpvideo' ? t('broadcasts.whatVideo', { name: materialName })
            : t('broadcasts.whatArticle', { title: materialName });

  return (
    <Card title={t('broadcasts.newPushPost')} description={t('broadcasts.pushArticlesAText')}>
      <div className="push-composer">
        <RadioGroup<Kind>
          name="push-kind"
          label={t('broadcasts.whatToPush')}
          value={kind}
          onChange={(v) => { setKind(v); setProblem(null); }}
          options={[
            { value: 'mpnews', label: t('broadcasts.articles'), description: t('broadcasts.aPostFromThe') },
            { value: 'text', label: t('broadcasts.text'), description: t('broadcasts.aShortMessage') },
            { value: 'image', label: t('broadcasts.image'), description: t('broadcasts.fromTheMaterialsLibrary') },
            { value: 'voice', label: t('broadcasts.voice'), description: t('broadcasts.fromTheMaterialsLibrary') },
            { value: 'mpvideo', label: t('broadcasts.video'), description: t('broadcasts.fromTheMaterialsLibrary') },
            { value: 'article', label: t('broadcasts.publishedArticle'), description: t('broadcasts.fromPublished') },
          ]}
        />
        {kind === 'mpnews' && (
          <fieldset className="draft-pick">
            <legend className="field-label">{t('broadcasts.draft')}</legend>
            {drafts.error && <Alert tone="error" title={t('broadcasts.couldNotLoadDrafts')}>{drafts.error.message}</Alert>}
            {!drafts.data && !drafts.error && <Loading label={t('broadcasts.loadingDrafts')} />}
            {drafts.data && drafts.data.drafts.length === 0 && (
              <EmptyState title={t('broadcasts.theDraftBoxIs')}>
                <Link to={`/console/accounts/${account.appid}/drafts/new`}>{t('broadcasts.writeAPushPost')}</Link> {t('broadcasts.firstThenComeBack')}
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
                        <span className="draft-option-title">{d.title || t('broadcasts.untitled')}</span>
                        <span className="field-hint">{t('broadcasts.article', { count: d.article_count })}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
        {kind === 'text' && (
          <Field label={<span className="label-row">{t('broadcasts.text')} <span className={`counter ${text.length > TEXT_MAX ? 'over' : ''}`}>{text.length} / {TEXT_MAX}</span></span>} error={text.length > TEXT_MAX ? t('broadcasts.theTextIsAt', { TEXT_MAX }) : null}>
            {(p) => <TextArea {...p} className="prose" rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('broadcasts.goodMorningTodayS')} />}
          </Field>
        )}
        {isMaterialKind(kind) && (
          <PushMaterial key={kind} appid={account.appid} kind={kind} value={material} onChange={(m) => { setMaterials((all) => ({ ...all, [kind]: m })); setProblem(null); }} />
        )}

        <RadioGroup<'all' | 'tag'>
          name="push-audience"
          label={t('broadcasts.audience')}
          value={audience}
          onChange={setAudience}
          options={[
            { value: 'all', label: t('broadcasts.allFollowers'), description: tags.data ? t('broadcasts.followerCount', { count: tags.data.followers }) : t('broadcasts.everyoneWhoFollowsThe') },
            { value: 'tag', label: t('broadcasts.followersWithATag'), description: userTags.length ? `${userTags.length} ${userTags.length === 1 ? 'tag' : 'tags'}` : t('broadcasts.tagFollowersOnThe') },
          ]}
        />
        {audience === 'tag' && (
          <Field label={t('broadcasts.tag')}>
            {(p) => (
              <select {...p} className="input" value={tagId} onChange={(e) => setTagId(e.target.value)}>
                <option value="">{t('broadcasts.chooseATag')}</option>
                {userTags.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.count})</option>)}
              </select>
            )}
          </Field>
        )}
        <p className="reach" data-testid="push-reach">{t('broadcasts.reaches')} <strong>{audience === 'tag' && !tagId ? '—' : reach}</strong> {t('broadcasts.blacklistedFollowersAreLeft')}</p>

        <RadioGroup<'now' | 'later'>
          name="push-when"
          label={t('broadcasts.when')}
          value={when}
          onChange={setWhen}
          options={[
            { value: 'now', label: t('broadcasts.sendNow') },
            { value: 'later', label: t('broadcasts.schedule'), description: t('broadcasts.between5MinutesAnd') },
          ]}
        />
        {when === 'later' && (
          <div className="schedule-pick">
            {schedule.error && <Alert tone="error">{schedule.error.message}</Alert>}
            {!schedule.data && !schedule.error && <Loading />}
            {schedule.data && windows.length > 0 && (
              <>
                <Field label={t('broadcasts.scheduleDay')}>
                  {(p) => (
                    <select {...p} className="input" value={window?.day ?? ''} onChange={(e) => { setDay(e.target.value); setSlot(''); }} data-testid="schedule-day">
                      {windows.map((w) => <option key={w.day} value={w.day}>{formatTime(w.from, 'date')}</option>)}
                    </select>
                  )}
                </Field>
                <Field label={t('broadcasts.scheduleTime')} hint={scheduleIso ? t('broadcasts.goesOutChinaTime', { time: chinaShort(scheduleIso) }) : undefined}>
                  {(p) => (
                    <select {...p} className="input" value={chosen ?? ''} onChange={(e) => setSlot(e.target.value)} data-testid="schedule-time">
                      {slots.map((s) => <option key={s} value={s}>{formatTime(s, 'time')}</option>)}
                    </select>
                  )}
                </Field>
              </>
            )}
            {schedule.data && quota && quota.remaining === 0 && windows.length > 0 && (
              <p className="field-hint" data-testid="schedule-next">{t('broadcasts.daysWithoutQuota', { time: chinaShort(schedule.data.schedule.next_push_at) })}</p>
            )}
            {scheduleError && <Alert tone="warning" title={t('broadcasts.noPushPostsLeft')}>{scheduleError}</Alert>}
          </div>
        )}

        {problem?.kind === 'blocked' && <BlockedNotice details={problem.details} />}
        {problem?.kind === 'quota' && (
          <Alert tone="warning" title={t('broadcasts.noPushPostsLeft')}>
            {t('broadcasts.theNextPushIs', { message: problem.message, value: chinaShort(problem.next) })}
          </Alert>
        )}
        {problem?.kind === 'error' && <Alert tone="error" title={t('broadcasts.thePushPostWas')}>{problem.message}</Alert>}
        {quotaFull && !problem && quota && <Alert tone="warning" title={t('broadcasts.noPushPostsLeft')}>{quota.period === 'day' ? t('broadcasts.youCanScheduleOneDay', { quota: quotaSentence(quota) }) : t('broadcasts.youCanScheduleOneMonth', { quota: quotaSentence(quota) })}</Alert>}

        <div className="form-actions">
          <Button variant="primary" disabled={!ready} onClick={() => { setProblem(null); setConfirming(true); }}>
            {when === 'now' ? t('broadcasts.sendPushPost') : t('broadcasts.schedulePushPost')}
          </Button>
          {contentMissing && <span className="field-hint">{MISSING_HINT[kind]()}</span>}
        </div>
      </div>

      <Dialog
        open={confirming}
        title={when === 'now' ? t('broadcasts.sendThisPushPost') : t('broadcasts.scheduleThisPushPost')}
        onClose={() => setConfirming(false)}
        footer={<><Button onClick={() => setConfirming(false)}>{t('broadcasts.cancel')}</Button><Button variant="primary" loading={busy} onClick={() => void send(false)}>{when === 'now' ? t('broadcasts.sendNow') : t('broadcasts.schedule')}</Button></>}
      >
        <p className="dialog-lead">
          {when === 'now' ? t('broadcasts.confirmNow', { what, audience: audienceLabel, reach }) : t('broadcasts.confirmAt', { what, audience: audienceLabel, reach, time: chinaShort(scheduleIso) })}
        </p>
        <p className="field-hint">{quota?.period === 'month' ? t('broadcasts.itUsesOnePushMonth', { used: quota.used, limit: quota.limit }) : quota ? t('broadcasts.itUsesOnePushDay', { used: quota.used, limit: quota.limit }) : t('broadcasts.itUsesOnePush')}</p>
      </Dialog>

      <Dialog
        open={reprint !== null}
        title={t('broadcasts.thisPushPostReprints')}
        onClose={() => setReprint(null)}
        footer={<><Button onClick={() => setReprint(null)}>{t('broadcasts.donTSend')}</Button><Button variant="primary" loading={busy} onClick={() => void send(true)}>{t('broadcasts.sendAnywayAsA')}</Button></>}
      >
        <p className="dialog-lead">{t('broadcasts.oneOrMoreArticles')}</p>
        <p className="field-hint">{t('broadcasts.sentAnywayEachReposted')}</p>
      </Dialog>
    </Card>
  );
}
