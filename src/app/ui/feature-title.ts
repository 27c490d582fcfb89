// The title and subtitle of a feature, shared by the search list and the inspector heading: a shared
// piece of UI wording, so it lives in ui/ and neither feature imports the other. The title of a
// searchable layer's feature is the one search sorts by (src/domain/search.ts matchTitle).
import type { Feature } from 'geojson';
import { featureId } from '../../domain/feature-id.ts';
import type { Lang } from '../../domain/i18n.ts';
import { landUseName } from '../../domain/landuse.ts';
import { matchTitle } from '../../domain/search.ts';
import type { DataLayerId } from '../state/layer-data.ts';

/** The title and subtitle a feature shows in the search list and the inspector heading. */
export function featureTitle(
  layer: DataLayerId,
  feature: Feature,
  lang: Lang,
): { title: string; subtitle: string } {
  const p = feature.properties ?? {};
  const id = featureId(feature) ?? '';
  switch (layer) {
    case 'plots':
      return { title: matchTitle(layer, id, p), subtitle: String(p.enterprise ?? '') };
    case 'projects':
      return { title: matchTitle(layer, id, p), subtitle: [id, p.enterprise].filter(Boolean).join(' · ') };
    case 'parks':
      return { title: matchTitle(layer, id, p), subtitle: id };
    case 'boundary':
      return { title: String(p.name ?? id), subtitle: id };
    case 'zones':
      return { title: matchTitle(layer, id, p), subtitle: id };
    case 'newland': {
      const use = typeof p.landUse === 'string' ? landUseName(p.landUse, lang) : '';
      return { title: matchTitle(layer, id, p), subtitle: [use, p.year].filter(Boolean).join(' · ') };
    }
  }
}
