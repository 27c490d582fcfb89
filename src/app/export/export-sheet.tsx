// 导出数据 / Export data, for every role: a layer as GeoJSON, a zipped Shapefile (UTF-8 with .cpg or GBK;
// the .prj CGCS2000 longitude/latitude or a chosen Gauss-Krüger zone), KML, or a CSV with Chinese
// headers — a download of GET /api/export/:layer (src/app/api/endpoints.ts exportUrl).
// The 勘测定界 TXT of one plot or zone is on its card (src/app/ui/survey-txt-link.tsx).
import './export.css';
import { useState } from 'react';
import { layerLabel } from '../../domain/labels.ts';
import { LAYER_IDS, type LayerId } from '../../domain/layers.ts';
import { CRS_CHOICES } from '../../formats/index.ts';
import { type ExportFormat, exportUrl } from '../api/endpoints.ts';
import { useAtlas } from '../state/store.ts';
import { Sheet } from '../ui/sheet.tsx';
import { te } from './strings.ts';

const FORMATS: Exclude<ExportFormat, 'txt'>[] = ['geojson', 'shp', 'kml', 'csv'];
const GEOGRAPHIC = 'EPSG:4490';

export function ExportSheet({ onClose }: { onClose: () => void }) {
  const lang = useAtlas((state) => state.lang);
  const [layer, setLayer] = useState<LayerId>('plots');
  const [format, setFormat] = useState<Exclude<ExportFormat, 'txt'>>('shp');
  const [encoding, setEncoding] = useState<'utf-8' | 'gbk'>('utf-8');
  const [zone, setZone] = useState(GEOGRAPHIC);
  const href =
    format === 'shp'
      ? exportUrl(layer, { format, encoding, ...(zone === GEOGRAPHIC ? {} : { zone }) })
      : exportUrl(layer, { format });
  return (
    <Sheet title={te(lang, 'exportData')} closeLabel={te(lang, 'close')} onClose={onClose}>
      <label className="field">
        <span>{te(lang, 'layer')}</span>
        <select value={layer} onChange={(event) => setLayer(event.target.value as LayerId)}>
          {LAYER_IDS.map((id) => (
            <option key={id} value={id}>
              {layerLabel(id, lang)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="export-choices">
        <legend>{te(lang, 'format')}</legend>
        {FORMATS.map((value) => (
          <label key={value} className="export-choice">
            <input
              type="radio"
              name="export-format"
              checked={format === value}
              onChange={() => setFormat(value)}
            />
            {te(lang, value)}
          </label>
        ))}
      </fieldset>
      {format === 'shp' && (
        <>
          <fieldset className="export-choices">
            <legend>{te(lang, 'encoding')}</legend>
            {(['utf-8', 'gbk'] as const).map((value) => (
              <label key={value} className="export-choice">
                <input
                  type="radio"
                  name="export-encoding"
                  checked={encoding === value}
                  onChange={() => setEncoding(value)}
                />
                {te(lang, value === 'utf-8' ? 'utf8' : 'gbk')}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{te(lang, 'crs')}</span>
            <select value={zone} onChange={(event) => setZone(event.target.value)}>
              {CRS_CHOICES.map((choice) => (
                <option key={choice.code} value={choice.code}>
                  {choice.name[lang]}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <p className="note">{te(lang, 'downloadNote')}</p>
      <div className="actions-row">
        <a className="primary-button link-button" href={href} download>
          {te(lang, 'download')}
        </a>
      </div>
    </Sheet>
  );
}
