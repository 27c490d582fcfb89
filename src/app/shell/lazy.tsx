// What the shell loads apart from its first script. The map (MapLibre, some 290 KB of gzip: more than all
// the rest of the first load together) is fetched as soon as the app starts, in parallel with the
// session check and the layers instead of before them, and never in the way of the login screen. On
// first use rather than with the page: the analysis panel and its map layer (when
// 分析 is first opened), the inspections' forms and histories (when a plot is first inspected), and the
// zone tools with terra-draw (when 绘制区域 is first opened, or once the layers are in when there are
// saved zones to show: terra-draw draws them). A viewer who opens none of these never downloads them
// (tests/project/bundle-size.test.ts holds the first load to its budget).
import { type ComponentProps, lazy, Suspense, useEffect, useState } from 'react';
import type { FeatureHistorySlot, PlotActionsSlot, PlotHistoriesSlot } from '../inspector/inspector.tsx';
import type { MapViewProps } from '../map/map-view.tsx';
import { useSettingsOpen } from '../settings/open-state.ts';
import type { AtlasState } from '../state/store.ts';
import { useAtlas } from '../state/store.ts';
import type { ZoneDrawController } from '../zones/draw/controller.ts';
import type { ZoneDrawControl } from '../zones/draw/zone-draw-control.tsx';
import type { ZonePanel } from '../zones/panel/zone-panel.tsx';

/** True from the first time `selector` is true, for the life of the component. */
function useOnceTrue(selector: (state: AtlasState) => boolean): boolean {
  const now = useAtlas(selector);
  const [ever, setEver] = useState(now);
  if (now && !ever) setEver(true);
  return ever || now;
}

const loadMapView = () => import('../map/map-view.tsx');

/** Starts fetching the map's code (MapLibre), once the first screen is up. */
export function preloadMap(): void {
  loadMapView().catch((error: unknown) => console.error('The map did not load:', error));
}

const LazyMapView = lazy(async () => ({ default: (await loadMapView()).MapView }));

/** The map; in its place an empty map area while MapLibre arrives. */
export function MapViewLoaded(props: MapViewProps) {
  return (
    <Suspense fallback={<section className="map" aria-busy="true" />}>
      <LazyMapView {...props} />
    </Suspense>
  );
}

// Each loaded when first rendered; nothing is shown while it loads.
const LazyAnalysisPanel = lazy(async () => ({
  default: (await import('../analysis/analysis-panel.tsx')).AnalysisPanel,
}));
const LazyAnalysisLayers = lazy(async () => ({
  default: (await import('../analysis/analysis-layers.tsx')).AnalysisLayers,
}));
const LazyPlotActions = lazy(async () => ({
  default: (await import('../inspections/plot-records.tsx')).PlotActions,
}));
const LazyFeatureHistory = lazy(async () => ({
  default: (await import('../inspections/plot-records.tsx')).FeatureHistory,
}));
const LazyPlotHistories = lazy(async () => ({
  default: (await import('../inspections/plot-records.tsx')).PlotHistories,
}));

const LazySettingsPanel = lazy(async () => ({
  default: (await import('../settings/settings-panel.tsx')).SettingsPanel,
}));

/** The administrator's settings panel (识别规则, 工期倒排 durations), loaded when first opened. */
export function SettingsPanelOnUse() {
  const open = useSettingsOpen();
  const [ever, setEver] = useState(open);
  if (open && !ever) setEver(true);
  if (!ever || !open) return null;
  return (
    <Suspense fallback={null}>
      <LazySettingsPanel />
    </Suspense>
  );
}

const analysisOpen = (state: AtlasState) => state.analysis.open;

export function AnalysisPanelOnUse() {
  if (!useOnceTrue(analysisOpen)) return null;
  return (
    <Suspense fallback={null}>
      <LazyAnalysisPanel />
    </Suspense>
  );
}

export function AnalysisLayersOnUse() {
  if (!useOnceTrue(analysisOpen)) return null;
  return (
    <Suspense fallback={null}>
      <LazyAnalysisLayers />
    </Suspense>
  );
}

export function PlotActionsOnUse(props: ComponentProps<PlotActionsSlot>) {
  return (
    <Suspense fallback={null}>
      <LazyPlotActions {...props} />
    </Suspense>
  );
}

export function PlotHistoriesOnUse(props: ComponentProps<PlotHistoriesSlot>) {
  return (
    <Suspense fallback={null}>
      <LazyPlotHistories {...props} />
    </Suspense>
  );
}

export function FeatureHistoryOnUse(props: ComponentProps<FeatureHistorySlot>) {
  return (
    <Suspense fallback={null}>
      <LazyFeatureHistory {...props} />
    </Suspense>
  );
}

const LazyTablePanel = lazy(async () => ({
  default: (await import('../table/table-panel.tsx')).TablePanel,
}));

const tableOpen = (state: AtlasState) => state.table.layer !== null;

/** The data table (with its virtualiser), loaded when a table is first opened (a button, a link, search). */
export function TablePanelOnUse() {
  if (!useOnceTrue(tableOpen)) return null;
  return (
    <Suspense fallback={null}>
      <LazyTablePanel />
    </Suspense>
  );
}

const LazyOutboxConflict = lazy(async () => ({
  default: (await import('../inspections/outbox-conflict.tsx')).OutboxConflict,
}));

/** The conflict dialog for an outbox item that met a conflict in the background (loaded when asked). */
export function OutboxConflictOnUse(props: ComponentProps<typeof LazyOutboxConflict>) {
  return (
    <Suspense fallback={null}>
      <LazyOutboxConflict {...props} />
    </Suspense>
  );
}

export interface ZoneTools {
  controller: ZoneDrawController;
  Control: typeof ZoneDrawControl;
  Panel: typeof ZonePanel;
}

async function loadZoneTools(): Promise<ZoneTools> {
  const [draw, panel] = await Promise.all([
    import('../zones/draw/zone-draw-control.tsx'),
    import('../zones/panel/zone-panel.tsx'),
  ]);
  return {
    controller: draw.createZoneDrawController(),
    Control: draw.ZoneDrawControl,
    Panel: panel.ZonePanel,
  };
}

const zonesWanted = (state: AtlasState) =>
  state.drawing.open || (!state.loading && (state.layers.zones?.collection.features.length ?? 0) > 0);

/**
 * The zone tools once they are wanted: when 绘制区域 is opened, or when the loaded layers hold saved zones
 * (terra-draw draws them, for whoever may see them); null until then. One controller for the app's life.
 */
export function useZoneTools(): ZoneTools | null {
  const wanted = useOnceTrue(zonesWanted);
  const [tools, setTools] = useState<ZoneTools | null>(null);
  useEffect(() => {
    if (!wanted || tools) return;
    let live = true;
    loadZoneTools().then(
      (loaded) => {
        if (live) setTools(loaded);
      },
      (error: unknown) => console.error('The zone tools did not load:', error),
    );
    return () => {
      live = false;
    };
  }, [wanted, tools]);
  return tools;
}

const LazyChangePassword = lazy(async () => ({
  default: (await import('../auth/change-password.tsx')).ChangePasswordSheet,
}));
const LazyExport = lazy(async () => ({
  default: (await import('../export/export-sheet.tsx')).ExportSheet,
}));
const LazyAccounts = lazy(async () => ({
  default: (await import('../admin/accounts-sheet.tsx')).AccountsSheet,
}));

/** The sheet of the user menu's screen that is open (修改密码, 导出数据, 用户管理), loaded when first opened. */
export function MenuScreenOnUse() {
  const screen = useAtlas((state) => state.screen);
  const lang = useAtlas((state) => state.lang);
  const openScreen = useAtlas((state) => state.openScreen);
  const close = () => openScreen(null);
  if (screen === 'password')
    return (
      <Suspense fallback={null}>
        <LazyChangePassword lang={lang} onClose={close} />
      </Suspense>
    );
  if (screen === 'export')
    return (
      <Suspense fallback={null}>
        <LazyExport onClose={close} />
      </Suspense>
    );
  if (screen === 'accounts')
    return (
      <Suspense fallback={null}>
        <LazyAccounts onClose={close} />
      </Suspense>
    );
  return null;
}

const LazyImportPanel = lazy(async () => ({
  default: (await import('../import/import-panel.tsx')).ImportPanel,
}));
const LazyImportPreview = lazy(async () => ({
  default: (await import('../import/preview-layers.tsx')).ImportPreviewLayers,
}));

const importOpen = (state: AtlasState) => state.screen === 'import';

/** 导入数据: the panel, loaded when first opened; shown while it is the screen. */
export function ImportPanelOnUse() {
  const open = useAtlas(importOpen);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <LazyImportPanel />
    </Suspense>
  );
}

/** The import's preview on the map (a child of the map), from the first opening of the import. */
export function ImportPreviewOnUse() {
  if (!useOnceTrue(importOpen)) return null;
  return (
    <Suspense fallback={null}>
      <LazyImportPreview />
    </Suspense>
  );
}
