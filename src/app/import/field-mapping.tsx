// The mapping of the file's fields to the target layer's properties: one row per property (required
// ones marked), a select of the file's fields with a sample value, and a default for empty values; the
// layer's saved presets (GET/PUT /api/import-presets) above it, to pick one or save this one by name.
import { type FormEvent, useEffect, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import type { FieldMapping, ImportLayer } from '../../domain/import-mapping.ts';
import { TARGET_PROPERTIES } from '../../domain/import-mapping.ts';
import { propertyLabel } from '../../domain/labels.ts';
import type { ImportPreset } from '../../domain/wire.ts';
import { errorText } from '../api/client.ts';
import { listImportPresets, saveImportPreset } from '../api/endpoints.ts';
import { ti } from './strings.ts';

function sampleOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** A preset's mapping limited to the fields this file has. */
function presetForFile(preset: ImportPreset, fields: readonly string[]): FieldMapping {
  const present = new Set(fields);
  return {
    fields: Object.fromEntries(
      Object.entries(preset.mapping.fields).filter(([, field]) => present.has(field)),
    ),
    defaults: { ...preset.mapping.defaults },
  };
}

function Presets({
  lang,
  layer,
  fields,
  mapping,
  onPick,
}: {
  lang: Lang;
  layer: ImportLayer;
  fields: readonly string[];
  mapping: FieldMapping;
  onPick: (mapping: FieldMapping | null) => void;
}) {
  const [presets, setPresets] = useState<ImportPreset[]>([]);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    setChosen('');
    listImportPresets(layer).then(
      (answer) => live && setPresets(answer.presets),
      (error: unknown) => live && setMessage({ ok: false, text: errorText(error, lang) }),
    );
    return () => {
      live = false;
    };
  }, [layer, lang]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    try {
      const saved = await saveImportPreset(layer, trimmed, mapping);
      setPresets((list) => [...list.filter((one) => one.name !== saved.name), saved]);
      setChosen(saved.name);
      setMessage({ ok: true, text: ti(lang, 'presetSaved', { name: saved.name }) });
    } catch (error) {
      setMessage({ ok: false, text: errorText(error, lang) });
    }
  };

  return (
    <div className="import-presets">
      <label className="field">
        <span>{ti(lang, 'presetChoose')}</span>
        <select
          value={chosen}
          onChange={(event) => {
            setChosen(event.target.value);
            const preset = presets.find((one) => one.name === event.target.value);
            onPick(preset ? presetForFile(preset, fields) : null);
          }}
        >
          <option value="">{ti(lang, 'presetNone')}</option>
          {presets.map((preset) => (
            <option key={preset.name} value={preset.name}>
              {preset.name}
            </option>
          ))}
        </select>
      </label>
      <form className="import-preset-save" onSubmit={(event) => void save(event)}>
        <label className="field">
          <span>{ti(lang, 'presetName')}</span>
          <input value={name} maxLength={64} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" className="secondary-button" disabled={!name.trim()}>
          {ti(lang, 'presetSave')}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'note' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}

export function FieldMappingTable({
  lang,
  layer,
  fields,
  firstRow,
  mapping,
  onChange,
}: {
  lang: Lang;
  layer: ImportLayer;
  fields: readonly string[];
  firstRow: Record<string, unknown> | null;
  mapping: FieldMapping;
  onChange: (mapping: FieldMapping | null) => void;
}) {
  return (
    <section className="import-section" aria-labelledby="import-mapping-title">
      <h3 id="import-mapping-title">{ti(lang, 'mapping')}</h3>
      <Presets lang={lang} layer={layer} fields={fields} mapping={mapping} onPick={onChange} />
      <p className="note">{ti(lang, 'requiredNote')}</p>
      <table className="data-table import-mapping">
        <thead>
          <tr>
            <th scope="col">{ti(lang, 'property')}</th>
            <th scope="col">{ti(lang, 'sourceField')}</th>
            <th scope="col">{ti(lang, 'defaultValue')}</th>
          </tr>
        </thead>
        <tbody>
          {TARGET_PROPERTIES[layer].map((property) => {
            const label = `${propertyLabel(property.name, lang)}${lang === 'zh' ? `（${property.name}）` : ''}`;
            const field = mapping.fields[property.name] ?? '';
            const sample = field && firstRow ? sampleOf(firstRow[field]) : '';
            return (
              <tr key={property.name}>
                <th scope="row">
                  {label}
                  {property.required && (
                    <span className="required-mark" title={ti(lang, 'required')}>
                      *
                    </span>
                  )}
                </th>
                <td>
                  <select
                    aria-label={ti(lang, 'fieldFor', { property: propertyLabel(property.name, lang) })}
                    value={field}
                    onChange={(event) => {
                      const next = { ...mapping.fields };
                      if (event.target.value) next[property.name] = event.target.value;
                      else delete next[property.name];
                      onChange({ ...mapping, fields: next });
                    }}
                  >
                    <option value="">{ti(lang, 'notImported')}</option>
                    {fields.map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </select>
                  {sample && <span className="import-sample">{ti(lang, 'sample', { value: sample })}</span>}
                </td>
                <td>
                  <input
                    aria-label={ti(lang, 'defaultFor', { property: propertyLabel(property.name, lang) })}
                    value={mapping.defaults[property.name] ?? ''}
                    onChange={(event) => {
                      const next = { ...mapping.defaults };
                      if (event.target.value) next[property.name] = event.target.value;
                      else delete next[property.name];
                      onChange({ ...mapping, defaults: next });
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
