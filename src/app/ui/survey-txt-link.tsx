// 导出勘测定界 TXT on a plot's or a zone's card: that one feature's boundary-survey coordinate file
// (GET /api/export/:layer?format=txt&id=…, CGCS2000 zone 38 with the zone number, X northing), a download.
import type { Lang } from '../../domain/i18n.ts';
import { exportUrl } from '../api/endpoints.ts';
import { t } from '../i18n/i18n.ts';
import './ui.css';

export function SurveyTxtLink({ lang, layer, id }: { lang: Lang; layer: string; id: string }) {
  return (
    <a
      className="secondary-button link-button"
      href={exportUrl(layer, { format: 'txt', id })}
      download
      aria-label={t(lang, 'surveyTxtOf', { id })}
    >
      {t(lang, 'surveyTxt')}
    </a>
  );
}
