// One search box (an ARIA 1.2 combobox named 搜索 / Search) over plots, parks, projects and new land.
// Choosing a match, by keyboard, click or tap, selects the feature and flies the map to it. The layers
// the app holds are searched here; those served as tiles by the server (server-search.ts), and the two
// lists merged in the one order of src/domain/search.ts. Above the features it offers towns, statuses,
// stages and parks as filters (src/domain/filter-suggestions.ts): 雅瑶镇 → 筛选：镇街 雅瑶镇, which opens the
// data table of those plots (and the map shows only them).
import { useId, useMemo, useState } from 'react';
import { useMap } from 'react-map-gl/maplibre';
import {
  type FilterSuggestion,
  filterSuggestions,
  suggestionFilter,
} from '../../domain/filter-suggestions.ts';
import { layerLabel } from '../../domain/labels.ts';
import { mergeMatches, SEARCH_LIMIT } from '../../domain/search.ts';
import { t } from '../i18n/i18n.ts';
import { focusFeature } from '../map/camera.ts';
import { selectFeature } from '../state/selection.ts';
import { useAtlas } from '../state/store.ts';
import { type SearchMatch, searchFeatures } from './search.ts';
import { selectTiledFeature } from './select-tiled.ts';
import { tiledSearchLayers, useServerMatches } from './server-search.ts';
import './search.css';
import { suggestionText } from './strings.ts';

type Item = { kind: 'filter'; suggestion: FilterSuggestion } | { kind: 'feature'; match: SearchMatch };

export function Search() {
  const lang = useAtlas((state) => state.lang);
  const layers = useAtlas((state) => state.layers);
  const tiled = useAtlas((state) => state.tiled);
  const select = useAtlas((state) => state.select);
  const openTable = useAtlas((state) => state.openTable);
  const parks = useAtlas((state) => state.layers.parks);
  const setVisible = useAtlas((state) => state.setVisible);
  const maps = useMap();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();

  const tiledLayers = useMemo(() => tiledSearchLayers(tiled), [tiled]);
  const local = useMemo(() => searchFeatures(layers, query, lang), [layers, query, lang]);
  const remote = useServerMatches(query, tiledLayers, lang);
  const matches = useMemo(
    () => (remote ? mergeMatches([local, remote.matches], SEARCH_LIMIT) : local),
    [local, remote],
  );
  const parkNames = useMemo(
    () => [...(parks?.byId ?? [])].map(([id, park]) => ({ id, name: String(park.properties?.name ?? id) })),
    [parks],
  );
  const suggestions = useMemo(() => filterSuggestions(query, parkNames, lang), [query, parkNames, lang]);
  const items: Item[] = useMemo(
    () => [
      ...suggestions.map((suggestion) => ({ kind: 'filter' as const, suggestion })),
      ...matches.map((match) => ({ kind: 'feature' as const, match })),
    ],
    [suggestions, matches],
  );
  // The server's share is still coming: "no matches" would be premature.
  const waiting = tiledLayers.length > 0 && query.trim().length > 0 && remote === null;
  const expanded = open && query.trim().length > 0;

  const chooseFilter = (suggestion: FilterSuggestion) => {
    openTable(suggestion.layer, suggestionFilter(suggestion), 'push', { fit: true });
    setQuery('');
    setOpen(false);
  };

  const chooseItem = (item: Item) => {
    if (item.kind === 'filter') chooseFilter(item.suggestion);
    else choose(item.match);
  };

  const choose = (match: SearchMatch) => {
    const feature = layers[match.layer]?.byId.get(match.id);
    if (!feature && match.bbox !== undefined) {
      selectTiledFeature(match.layer, match.id, match.bbox, maps.main);
      setQuery(match.title);
      setOpen(false);
      return;
    }
    if (!feature) return;
    setVisible(match.layer, true);
    select(selectFeature(match.layer, match.id));
    const map = maps.main;
    if (map) focusFeature(map, feature);
    setQuery(match.title === match.id ? match.id : `${match.title}`);
    setOpen(false);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      const item = items[active] ?? items[0];
      if (item) {
        event.preventDefault();
        chooseItem(item);
      }
    } else if (event.key === 'Escape') {
      // Escape here closes the list; it does not reach the map's clear-selection handler.
      event.stopPropagation();
      if (expanded) setOpen(false);
      else setQuery('');
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <div className="search">
      <input
        type="text"
        role="combobox"
        aria-label={t(lang, 'search')}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && items[active] ? optionId(active) : undefined}
        placeholder={t(lang, 'searchPlaceholder')}
        value={query}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <div
        className="search-results"
        id={listId}
        role="listbox"
        aria-label={t(lang, 'searchResults')}
        aria-busy={waiting}
        hidden={!expanded}
      >
        {items.length === 0 ? (
          <p className="search-empty">{waiting ? '…' : t(lang, 'noMatches')}</p>
        ) : (
          items.map((item, index) => {
            const key =
              item.kind === 'filter'
                ? `filter:${item.suggestion.layer}:${item.suggestion.field}:${item.suggestion.value}`
                : `${item.match.layer}:${item.match.id}`;
            const text =
              item.kind === 'filter'
                ? suggestionText(item.suggestion, lang)
                : {
                    title: item.match.title,
                    subtitle: `${layerLabel(item.match.layer, lang)}${item.match.subtitle ? ` · ${item.match.subtitle}` : ''}`,
                  };
            return (
              <div
                key={key}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                tabIndex={-1}
                className={`search-option${index === active ? ' active' : ''}${item.kind === 'filter' ? ' filter-option' : ''}`}
                onPointerDown={(event) => event.preventDefault()}
                onClick={() => chooseItem(item)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') chooseItem(item);
                }}
              >
                <span className="option-title">{text.title}</span>
                <span className="option-subtitle">{text.subtitle}</span>
              </div>
            );
          })
        )}
      </div>
    </div>
  );
}
