// The top bar at narrow widths (a tablet upright, a phone): the less frequent actions — 统计分析,
// 进度通报, 绘制区域 — move into a 更多 / More menu so that the search box keeps a usable width. A real
// menu button (WAI-ARIA menu button pattern): Enter, Space or ↓ opens it on the first item, ↑ on the
// last; ↑ ↓ Home End move between items; Esc closes it and gives the focus back to the button, Tab
// closes it; a tap elsewhere closes it. Items are 44 px tall.
import { type KeyboardEvent, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { AnalysisButton } from '../analysis/analysis-button.tsx';
import { t } from '../i18n/i18n.ts';
import { ReportButton } from '../reports/report-button.tsx';
import { useAtlas } from '../state/store.ts';
import { ZoneButton } from '../zones/panel/zone-button.tsx';

/** Below this width the top bar keeps only 图层, search, 数据表 and 更多 (and the language and user). */
const NARROW_BAR = '(max-width: 900px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_BAR);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the top bar is narrow (NARROW_BAR), following the window as it is resized or turned. */
export function useNarrowBar(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW_BAR).matches);
}

/** The actions that live in the bar at desktop widths, and in the 更多 menu when narrow. */
export function BarActions() {
  return (
    <>
      <AnalysisButton />
      <ReportButton />
      <ZoneButton />
    </>
  );
}

const itemsOf = (menu: HTMLElement | null): HTMLElement[] => [
  ...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
];

export function MoreMenu() {
  const lang = useAtlas((state) => state.lang);
  const [open, setOpen] = useState(false);
  /** Which item takes the focus when the menu opens: the first, the last, or none (a pointer). */
  const [focusOn, setFocusOn] = useState<'first' | 'last' | null>(null);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const show = (focus: 'first' | 'last' | null) => {
    setOpen(true);
    setFocusOn(focus);
  };

  useEffect(() => {
    if (!open) return;
    const list = itemsOf(menu.current);
    if (focusOn === 'first') list[0]?.focus();
    else if (focusOn === 'last') list[list.length - 1]?.focus();
    else menu.current?.focus();
    const away = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open, focusOn]);

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      show('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      show('last');
    } else if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close(true);
    }
  };
  const onMenuKey = (event: KeyboardEvent) => {
    const list = itemsOf(menu.current);
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at < 0 ? list.length - 1 : at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') setOpen(false);
  };
  const chosen = { onChosen: () => close(true) };

  return (
    <div className="more-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="bar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => (open ? close(false) : show(null))}
        onKeyDown={onButtonKey}
      >
        {t(lang, 'moreActions')}
        <span aria-hidden="true">▾</span>
      </button>
      <div
        ref={menu}
        id={menuId}
        role="menu"
        aria-label={t(lang, 'moreActions')}
        className="more-panel"
        tabIndex={-1}
        hidden={!open}
        onKeyDown={onMenuKey}
      >
        <AnalysisButton menu={chosen} />
        <ReportButton menu={chosen} />
        <ZoneButton menu={chosen} />
      </div>
    </div>
  );
}
