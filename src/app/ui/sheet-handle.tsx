// The grab handle of a bottom sheet on a tablet: dragged by touch, pen or mouse (pointer events) between
// a peek, half and full height, snapping to the nearest when let go; pressed (tap, Enter, Space) it
// steps to the next height, and ArrowUp / ArrowDown step up and down. The sheet's height lives in the
// store (sheetSnap) so the camera knows how much of the map is covered (src/app/map/camera.ts).
import { type RefObject, useRef } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { t } from '../i18n/i18n.ts';
import { SHEET_SNAPS, type SheetSnap, sheetHeightPx } from '../state/field-slice.ts';
import { useAtlas } from '../state/store.ts';

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

export function SheetHandle({ sheet, lang }: { sheet: RefObject<HTMLElement | null>; lang: Lang }) {
  const snap = useAtlas((state) => state.sheetSnap);
  const setSnap = useAtlas((state) => state.setSheetSnap);
  const drag = useRef<{ id: number; startY: number; startHeight: number; moved: boolean } | null>(null);
  const index = SHEET_SNAPS.indexOf(snap);
  const areaHeight = () => sheet.current?.parentElement?.clientHeight ?? window.innerHeight;

  return (
    <button
      type="button"
      className="sheet-handle"
      data-snap={snap}
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
          startHeight: element.getBoundingClientRect().height,
          moved: false,
        };
      }}
      onPointerMove={(event) => {
        const current = drag.current;
        const element = sheet.current;
        if (!current || current.id !== event.pointerId || !element) return;
        const dy = event.clientY - current.startY;
        if (!current.moved && Math.abs(dy) < DRAG_SLOP_PX) return;
        current.moved = true;
        const height = Math.max(
          sheetHeightPx('peek', areaHeight()),
          Math.min(sheetHeightPx('full', areaHeight()), current.startHeight - dy),
        );
        element.style.height = `${height}px`;
        element.classList.add('dragging');
      }}
      onPointerUp={(event) => {
        const current = drag.current;
        const element = sheet.current;
        if (!current || current.id !== event.pointerId || !element) return;
        if (current.moved) {
          const height = element.getBoundingClientRect().height;
          element.style.height = '';
          element.classList.remove('dragging');
          setSnap(nearestSnap(height, areaHeight()));
          // The click that follows a drag must not step on: cleared after it.
          setTimeout(() => {
            drag.current = null;
          }, 0);
        } else {
          drag.current = null;
        }
      }}
      onPointerCancel={() => {
        const element = sheet.current;
        if (element) {
          element.style.height = '';
          element.classList.remove('dragging');
        }
        drag.current = null;
      }}
    >
      <span className="sheet-grip" aria-hidden="true" />
    </button>
  );
}
