// One search box (an ARIA 1.2 combobox named 搜索 / Search) over plots, parks, projects and new land.
// Choosing a match, by keyboard, click or tap, selects the feature and flies the map to it. The layers
// the app holds are searched here; those served as tiles by the server (server-search.ts), and the two
// lists merged in the one order of src/domain/search.ts.
import { useId, useMemo, useState } from 'react';
import { useMap } from 'react-map-gl/maplibre';
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

export function Search() {
  const lang = useAtlas((state) => state.lang);
  const layers = useAtlas((state) => state.layers);
  const tiled = useAtlas((state) => state.tiled);
  const select = useAtlas((state) => state.select);
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
  // The server's share is still coming: "no matches" would be premature.
  const waiting = tiledLayers.length > 0 && query.trim().length > 0 && remote === null;
  const expanded = open && query.trim().length > 0;

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
      setActive((index) => Math.min(index + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      const match = matches[active] ?? matches[0];
      if (match) {
        event.preventDefault();
        choose(match);
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
        aria-activedescendant={expanded && matches[active] ? optionId(active) : undefined}
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
        {matches.length === 0 ? (
          <p className="search-empty">{waiting ? '…' : t(lang, 'noMatches')}</p>
        ) : (
          matches.map((match, index) => (
            <div
              key={`${match.layer}:${match.id}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              tabIndex={-1}
              className={index === active ? 'search-option active' : 'search-option'}
              onPointerDown={(event) => event.preventDefault()}
              onClick={() => choose(match)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') choose(match);
              }}
            >
              <span className="option-title">{match.title}</span>
              <span className="option-subtitle">
                {layerLabel(match.layer, lang)}
                {match.subtitle ? ` · ${match.subtitle}` : ''}
              </span>
            </div>
          ))
        )}
      </div>
    </div>
  );
}
