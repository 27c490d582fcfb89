// The application shell, laid out like the provincial 一张图 systems: a top bar (title, search,
// language), the layer tree and legend on the left, the map, the inspector on the right, a status bar.
// On a tablet the layer tree is a drawer and the inspector a bottom sheet.
import { useEffect } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { AuthScreen } from '../auth/auth-screen.tsx';
import { hrefForLang, langFromSearch, t } from '../i18n/i18n.ts';
import { INSPECTOR_ID, Inspector } from '../inspector/inspector.tsx';
import { tiandituKeyFrom } from '../map/basemaps.ts';
import { OutboxBadge } from '../outbox/outbox-badge.tsx';
import { DossierButton } from '../reports/dossier-button.tsx';
import { ReportScreenHost } from '../reports/report-button.tsx';
import { Search } from '../search/search-panel.tsx';
import { startSession } from '../state/session.ts';
import { useAtlas } from '../state/store.ts';
import { MapFilterCount, TableButton } from '../table/table-button.tsx';
import { CloseButton } from '../ui/close-button.tsx';
import { BasemapPanel, LayerPanel } from './layer-panel.tsx';
import {
  AnalysisLayersOnUse,
  AnalysisPanelOnUse,
  FeatureHistoryOnUse,
  ImportPanelOnUse,
  ImportPreviewOnUse,
  MapViewLoaded,
  MenuScreenOnUse,
  OutboxConflictOnUse,
  PlotActionsOnUse,
  PlotHistoriesOnUse,
  preloadMap,
  SettingsPanelOnUse,
  TablePanelOnUse,
  useZoneTools,
} from './lazy.tsx';
import { Legend } from './legend.tsx';
import { BarActions, MoreMenu, useNarrowBar } from './more-menu.tsx';
import { OfflineBanner } from './offline-banner.tsx';
import { ProblemsBanner } from './problems-banner.tsx';
import { StatusBar } from './status-bar.tsx';
import { followTableAddress } from './table-address.ts';
import { exposeTestHook } from './test-hook.ts';
import { UserMenu } from './user-menu.tsx';

/** A click while a zone tool is in use belongs to the drawing, not to the inspector. */
function zoneToolTakesClicks(): boolean {
  return useAtlas.getState().drawing.tool !== 'none';
}

function useStartup() {
  useEffect(() => {
    const { search } = window.location;
    useAtlas.setState({
      lang: langFromSearch(search),
      // A key in the address (?tk=) for trying one out; else the server's setting, read after sign-in.
      tiandituKey: tiandituKeyFrom(search, undefined),
    });
    // Signed in → the layers load from the server; not → the login (or setup) screen.
    void startSession();
    // The map's code (most of the app's bytes) comes meanwhile, whether or not a login comes first.
    preloadMap();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const state = useAtlas.getState();
      if (state.layerPanelOpen) state.setLayerPanelOpen(false);
      else state.clearSelection();
    };
    window.addEventListener('keydown', onKey);
    const stopTableAddress = followTableAddress();
    return () => {
      window.removeEventListener('keydown', onKey);
      stopTableAddress();
    };
  }, []);
}

/** The plot card's 打印档案: the dossier lists the records as the card does (the inspections feature). */
function PlotDossier(props: { lang: Lang; plotId: string }) {
  return <DossierButton {...props} histories={PlotHistoriesOnUse} />;
}

export function App() {
  useStartup();
  const lang = useAtlas((state) => state.lang);
  const loading = useAtlas((state) => state.loading);
  const layerPanelOpen = useAtlas((state) => state.layerPanelOpen);
  const setLayerPanelOpen = useAtlas((state) => state.setLayerPanelOpen);
  const zoneTools = useZoneTools();
  const narrowBar = useNarrowBar();
  const otherLang = lang === 'zh' ? 'en' : 'zh';

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t(lang, 'title');
  }, [lang]);

  const authStatus = useAtlas((state) => state.session.status);
  if (authStatus !== 'signed-in') return <AuthScreen />;

  return (
    <div className={layerPanelOpen ? 'app drawer-open' : 'app'}>
      <a
        className="skip-link"
        href={`#${INSPECTOR_ID}`}
        onClick={(event) => {
          // Keep the map's view in the address: move the focus, not the hash.
          event.preventDefault();
          document.getElementById(INSPECTOR_ID)?.focus();
        }}
      >
        {t(lang, 'skipToInspector')}
      </a>
      <header className="top-bar">
        <button
          type="button"
          className="bar-button drawer-button"
          aria-expanded={layerPanelOpen}
          aria-controls="layer-drawer"
          onClick={() => setLayerPanelOpen(!layerPanelOpen)}
        >
          <span aria-hidden="true">☰</span> {t(lang, 'showLayers')}
        </button>
        <h1>
          <span className="emblem" aria-hidden="true" />
          {t(lang, 'title')}
        </h1>
        <Search />
        <TableButton />
        {narrowBar ? <MoreMenu /> : <BarActions />}
        <a
          className="lang-link"
          href={hrefForLang(window.location.href, otherLang)}
          hrefLang={otherLang === 'zh' ? 'zh-CN' : 'en'}
          lang={otherLang === 'zh' ? 'zh-CN' : 'en'}
          onClick={(event) => {
            // Follow the link as it is now: the map's hash has moved since this rendered.
            event.currentTarget.href = hrefForLang(window.location.href, otherLang);
          }}
        >
          {t(lang, 'otherLanguage')}
        </a>
        <OutboxBadge
          renderConflict={(conflict, done) => (
            <OutboxConflictOnUse lang={lang} conflict={conflict} onDone={done} />
          )}
        />
        <UserMenu />
      </header>
      <ReportScreenHost />
      <OfflineBanner />
      <ProblemsBanner />
      {loading && (
        <p className="loading" role="status">
          {t(lang, 'loading')}
        </p>
      )}
      <div className="workspace">
        <aside className="side-panel" id="layer-drawer" aria-label={t(lang, 'layersPanel')}>
          <CloseButton
            className="drawer-close"
            label={t(lang, 'closeLayers')}
            onClick={() => setLayerPanelOpen(false)}
          />
          <LayerPanel />
          <Legend />
          <BasemapPanel />
        </aside>
        <button
          type="button"
          className="scrim"
          tabIndex={-1}
          aria-hidden="true"
          onClick={() => setLayerPanelOpen(false)}
        />
        <MapViewLoaded clicksTaken={zoneToolTakesClicks} onMapLoad={exposeTestHook}>
          <AnalysisLayersOnUse />
          <MapFilterCount />
          <ImportPreviewOnUse />
          {zoneTools && <zoneTools.Control controller={zoneTools.controller} />}
        </MapViewLoaded>
        <Inspector
          plotActions={PlotActionsOnUse}
          plotHistories={PlotHistoriesOnUse}
          plotDossier={PlotDossier}
          featureHistory={FeatureHistoryOnUse}
        />
        <TablePanelOnUse />
        <AnalysisPanelOnUse />
        <SettingsPanelOnUse />
        <ImportPanelOnUse />
        {zoneTools && <zoneTools.Panel controller={zoneTools.controller} />}
      </div>
      <StatusBar />
      <MenuScreenOnUse />
    </div>
  );
}
