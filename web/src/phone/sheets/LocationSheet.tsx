import { useState, type FormEvent } from 'react';
import { Alert, Button } from '../../ui/index.js';
import { PinIcon } from '../kit/icons.js';
import { Sheet } from './Sheet.js';
import { t } from '../../i18n/index.js';
import { isChinese } from '../../i18n/time.js';

/** A place as WeChat sends it: Location_X is the latitude, Location_Y the longitude. */
export interface PickedLocation {
  latitude: number;
  longitude: number;
  label: string;
  poiname: string;
  scale: number;
}

/**
 * Well-known places, Chinese first: WeChat sends a place's name and address in Chinese, so these
 * go to the account as they are; the English names only help an English reader pick.
 */
const PRESETS: Array<PickedLocation & { en: { poiname: string; label: string } }> = [
  { poiname: '腾讯滨海大厦', label: '广东省深圳市南山区滨海大道33号', latitude: 22.5228, longitude: 113.9353, scale: 16, en: { poiname: 'Tencent Binhai Towers', label: 'Shenzhen, Nanshan District, Binhai Avenue 33' } },
  { poiname: '天安门广场', label: '北京市东城区', latitude: 39.9055, longitude: 116.3976, scale: 15, en: { poiname: 'Tiananmen Square', label: 'Beijing, Dongcheng District' } },
  { poiname: '外滩', label: '上海市黄浦区中山东一路', latitude: 31.2397, longitude: 121.4905, scale: 15, en: { poiname: 'The Bund', label: 'Shanghai, Huangpu District, Zhongshan East 1st Road' } },
  { poiname: '广州塔', label: '广东省广州市海珠区阅江西路222号', latitude: 23.1066, longitude: 113.3245, scale: 16, en: { poiname: 'Canton Tower', label: 'Guangzhou, Haizhu District, Yuejiang West Road 222' } },
  { poiname: '西湖', label: '浙江省杭州市西湖区', latitude: 30.2431, longitude: 120.15, scale: 14, en: { poiname: 'West Lake', label: 'Hangzhou, Xihu District' } },
];

/** A simple location picker: a few well-known places, or coordinates typed in. */
export function LocationSheet({ open, onClose, onPick, title = 'Location · 位置' }: {
  open: boolean;
  onClose(): void;
  onPick(loc: PickedLocation): Promise<void> | void;
  title?: string;
}) {
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (loc: PickedLocation) => {
    setBusy(true);
    setError(null);
    try {
      await onPick(loc);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not send the location.');
    } finally {
      setBusy(false);
    }
  };

  const custom = (e: FormEvent) => {
    e.preventDefault();
    const latitude = Number(lat);
    const longitude = Number(lng);
    if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) return setError('Latitude must be between -90 and 90.');
    if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) return setError('Longitude must be between -180 and 180.');
    const poiname = name.trim() || `${latitude.toFixed(4)}, ${longitude.toFixed(4)}`;
    void pick({ latitude, longitude, poiname, label: poiname, scale: 15 });
  };

  return (
    <Sheet open={open} title={title} onClose={onClose} tall>
      <ul className="ph-places" aria-label={t('phoneSheets.places')}>
        {PRESETS.map(({ en, ...p }) => (
          <li key={p.poiname}>
            <button type="button" className="ph-place" onClick={() => pick(p)} disabled={busy}>
              <span className="ph-place-pin">
                <PinIcon />
              </span>
              <span className="ph-row-main">
                <span className="ph-row-title" lang="zh-CN">
                  {p.poiname}
                  {!isChinese() && <span lang="en"> · {en.poiname}</span>}
                </span>
                <span className="ph-row-sub">{isChinese() ? p.label : en.label}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <form className="ph-coords" onSubmit={custom} aria-label={t('phoneSheets.coordinates')}>
        <input className="input" inputMode="decimal" placeholder={t('phoneSheets.latitude')} aria-label={t('phoneSheets.latitude')} value={lat} onChange={(e) => setLat(e.target.value)} />
        <input className="input" inputMode="decimal" placeholder={t('phoneSheets.longitude')} aria-label={t('phoneSheets.longitude')} value={lng} onChange={(e) => setLng(e.target.value)} />
        <input className="input ph-coords-name" placeholder={t('phoneSheets.placeNameOptional')} aria-label={t('phoneSheets.placeName')} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" variant="primary" disabled={busy}>
          {t('phoneSheets.send')}
        </Button>
      </form>
      {error && <Alert tone="error">{error}</Alert>}
    </Sheet>
  );
}
