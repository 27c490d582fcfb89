// 打印档案 / Print dossier: the plot card's button that opens the plot's dossier (dossier.tsx, loaded
// when first pressed) over the map, ready to print or save as PDF; the focus comes back on close.
import { lazy, Suspense, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Lang } from '../../domain/i18n.ts';
import type { DossierHistoriesSlot } from './dossier.tsx';
import { tr } from './strings.ts';

const LazyDossier = lazy(async () => ({ default: (await import('./dossier.tsx')).Dossier }));

const DOSSIER_ID = 'plot-dossier';

export function DossierButton({
  lang,
  plotId,
  histories,
}: {
  lang: Lang;
  plotId: string;
  histories: DossierHistoriesSlot;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="secondary-button dossier-button"
        aria-haspopup="dialog"
        aria-controls={open ? DOSSIER_ID : undefined}
        onClick={() => setOpen(true)}
      >
        {tr(lang, 'printDossier')}
      </button>
      {open &&
        createPortal(
          <Suspense fallback={null}>
            <LazyDossier
              id={DOSSIER_ID}
              plotId={plotId}
              histories={histories}
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
