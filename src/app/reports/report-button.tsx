// The toolbar's 进度通报 button, for every signed-in role: it opens the report screen over the map
// (loaded when first opened) and gives the focus back when it closes.
import { lazy, Suspense, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useAtlas } from '../state/store.ts';
import { tr } from './strings.ts';

const LazyReportScreen = lazy(async () => ({ default: (await import('./report-screen.tsx')).ReportScreen }));

const REPORT_SCREEN_ID = 'report-screen';

export function ReportButton() {
  const lang = useAtlas((state) => state.lang);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="bar-button bar-toggle"
        aria-expanded={open}
        aria-controls={REPORT_SCREEN_ID}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">▤</span>
        {tr(lang, 'report')}
      </button>
      {/* On <body>, beside the app: printed alone, with the app's root left off the paper. */}
      {open &&
        createPortal(
          <Suspense fallback={null}>
            <LazyReportScreen
              id={REPORT_SCREEN_ID}
              onClose={() => {
                setOpen(false);
                button.current?.focus();
              }}
            />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
