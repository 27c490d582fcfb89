// The grab handle of a bottom sheet on a tablet, on the sheet's top edge: dragged by touch, pen or mouse
// (pointer events) between a peek, half and full height, snapping to the nearest when let go; pressed
// (tap, Enter, Space) it steps to the next height, and ArrowUp / ArrowDown step up and down. The height
// lives in the store (sheetSnap) so the camera knows how much of the map is covered
// (src/app/map/camera.ts); the handle and the sheet together stand at sheetHeightPx.
import { type RefObject, useRef } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { t } from '../i18n/i18n.ts';
import { SHEET_SNAPS, type SheetSnap, sheetHeightPx } from '../state/field-slice.ts';
import { useAtlas } from '../state/store.ts';

/** The handle's own height (CSS px), part of the heights sheetHeightPx gives. */
const HANDLE_PX = 44;

const SNAP_KEY = { peek: 'sheetPeek', half: 'sheetHalf', full: 'sheetFull' } as const;

/** The snap whose height is nearest to `height`. */
function nearestSnap(height: number, areaHeight: number): SheetSnap {
  let best: SheetSnap = 'half';
  let bestGap = Number.POSITIVE_INFINITY;
  for (const snap of SHEET_SNAPS) {
    const gap = Math.abs(sheetHeightPx(snap, areaHeight) - height);
    if (gap < bestGap) {
      best = snap;
      bestGap = gap;
    }
  }
  return best;
}

/** A drag shorter than this (px) is a press, not a drag. */
const DRAG_SLOP_PX = 6;

export function SheetHandle({
  sheet,
  controls,
  lang,
}: {
  /** The sheet below the handle. */
  sheet: RefObject<HTMLElement | null>;
  /** The sheet's id. */
  controls: string;
  lang: Lang;
}) {
  const snap = useAtlas((state) => state.sheetSnap);
  const setSnap = useAtlas((state) => state.setSheetSnap);
  const handle = useRef<HTMLButtonElement>(null);
  const drag = useRef<{ id: number; startY: number; startHeight: number; moved: boolean } | null>(null);
  const index = SHEET_SNAPS.indexOf(snap);
  const areaHeight = () => sheet.current?.parentElement?.clientHeight ?? window.innerHeight;

  /** Puts the handle and the sheet at a total height while dragging; null gives them back to CSS. */
  const place = (total: number | null) => {
    const parts = [sheet.current, handle.current];
    for (const part of parts) part?.classList.toggle('dragging', total !== null);
    if (sheet.current) sheet.current.style.height = total === null ? '' : `${total - HANDLE_PX}px`;
    if (handle.current) handle.current.style.bottom = total === null ? '' : `${total - HANDLE_PX}px`;
  };

  return (
    <button
      ref={handle}
      type="button"
      className="sheet-handle"
      data-snap={snap}
      aria-controls={controls}
      aria-label={t(lang, 'sheetHandle', { height: t(lang, SNAP_KEY[snap]) })}
      onClick={() => {
        // A drag already chose its height; a press steps to the next one.
        if (drag.current?.moved) return;
        setSnap(SHEET_SNAPS[(index + 1) % SHEET_SNAPS.length] as SheetSnap);
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowUp' && index < SHEET_SNAPS.length - 1) {
          event.preventDefault();
          setSnap(SHEET_SNAPS[index + 1] as SheetSnap);
        } else if (event.key === 'ArrowDown' && index > 0) {
          event.preventDefault();
          setSnap(SHEET_SNAPS[index - 1] as SheetSnap);
        }
      }}
      onPointerDown={(event) => {
        const element = sheet.current;
        if (!element || (event.pointerType === 'mouse' && event.button !== 0)) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = {
          id: event.pointerId,
          startY: event.clientY,
          startHeight: element.getBoundingClientRect().height + HANDLE_PX,
          moved: false,
        };
      }}
      onPointerMove={(event) => {
        const current = drag.current;
        if (!current || current.id !== event.pointerId) return;
        const dy = event.clientY - current.startY;
        if (!current.moved && Math.abs(dy) < DRAG_SLOP_PX) return;
        current.moved = true;
        const area = areaHeight();
        place(
          Math.max(
            sheetHeightPx('peek', area),
            Math.min(sheetHeightPx('full', area), current.startHeight - dy),
          ),
        );
      }}
      onPointerUp={(event) => {
        const current = drag.current;
        const element = sheet.current;
        if (!current || current.id !== event.pointerId || !element) return;
        if (!current.moved) {
          drag.current = null;
          return;
        }
        const total = element.getBoundingClientRect().height + HANDLE_PX;
        place(null);
        setSnap(nearestSnap(total, areaHeight()));
        // The click that follows a drag must not step on: cleared after it.
        setTimeout(() => {
          drag.current = null;
        }, 0);
      }}
      onPointerCancel={() => {
        place(null);
        drag.current = null;
      }}
    >
      <span className="sheet-grip" aria-hidden="true" />
    </button>
  );
}
