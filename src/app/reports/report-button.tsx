// The toolbar's 进度通报 button (or its item in the top bar's 更多 menu), for every signed-in role: it
// opens the report screen over the map (the store's screen 'report'; loaded when first opened), which
// ReportScreenHost draws — always mounted, so the screen stays open when the menu that opened it closes —
// and gives the focus back to what opened it when it closes.
import { lazy, Suspense } from 'react';
import { createPortal } from 'react-dom';
import { useAtlas } from '../state/store.ts';
import { type AsMenuItem, BarAction } from '../ui/bar-action.tsx';
import { tr } from './strings.ts';

const LazyReportScreen = lazy(async () => ({ default: (await import('./report-screen.tsx')).ReportScreen }));

const REPORT_SCREEN_ID = 'report-screen';

/** What had the focus when the report was opened: the bar button, or the 更多 button after its menu. */
let opener: HTMLElement | null = null;

export function ReportButton({ menu }: { menu?: AsMenuItem }) {
  const lang = useAtlas((state) => state.lang);
  const open = useAtlas((state) => state.screen === 'report');
  const openScreen = useAtlas((state) => state.openScreen);
  return (
    <BarAction
      open={open}
      controls={REPORT_SCREEN_ID}
      icon={<span aria-hidden="true">▤</span>}
      label={tr(lang, 'report')}
      onToggle={() => {
        opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        openScreen(open ? null : 'report');
      }}
      menu={menu}
    />
  );
}

/** The report screen while open: on <body>, beside the app, so it is printed alone. */
export function ReportScreenHost() {
  const open = useAtlas((state) => state.screen === 'report');
  const openScreen = useAtlas((state) => state.openScreen);
  if (!open) return null;
  return createPortal(
    <Suspense fallback={null}>
      <LazyReportScreen
        id={REPORT_SCREEN_ID}
        onClose={() => {
          openScreen(null);
          if (opener?.isConnected) opener.focus();
          opener = null;
        }}
      />
    </Suspense>,
    document.body,
  );
}
