import { useState, type FormEvent } from 'react';
import { Alert, Button } from '../../ui/index.js';
import { PinIcon } from '../kit/icons.js';
import { Sheet } from './Sheet.js';
import { t } from '../../i18n/index.js';

/** A place as WeChat sends it: Location_X is the latitude, Location_Y the longitude. */
export interface PickedLocation {
  latitude: number;
  longitude: number;
  label: string;
  poiname: string;
  scale: number;
}

const PRESETS: PickedLocation[] = [
  { poiname: 'Tencent Binhai Towers', label: 'Shenzhen, Nanshan District, Binhai Avenue 33', latitude: 22.5228, longitude: 113.9353, scale: 16 },
  { poiname: 'Tiananmen Square', label: 'Beijing, Dongcheng District', latitude: 39.9055, longitude: 116.3976, scale: 15 },
  { poiname: 'The Bund', label: 'Shanghai, Huangpu District, Zhongshan East 1st Road', latitude: 31.2397, longitude: 121.4905, scale: 15 },
  { poiname: 'Canton Tower', label: 'Guangzhou, Haizhu District, Yuejiang West Road 222', latitude: 23.1066, longitude: 113.3245, scale: 16 },
  { poiname: 'West Lake', label: 'Hangzhou, Xihu District', latitude: 30.2431, longitude: 120.1500, scale: 14 },
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
        {PRESETS.map((p) => (
          <li key={p.poiname}>
            <button type="button" className="ph-place" onClick={() => pick(p)} disabled={busy}>
              <span className="ph-place-pin">
                <PinIcon />
              </span>
              <span className="ph-row-main">
                <span className="ph-row-title">{p.poiname}</span>
                <span className="ph-row-sub">{p.label}</span>
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
