// A toolbar action that opens and closes a panel or screen: in the top bar a toggle button
// (aria-expanded), or — at narrow widths, in the top bar's 更多 / More menu (shell/more-menu.tsx) — a
// menu item with the same name. Choosing the item first lets the menu close (giving the focus back to
// its button), then toggles.
import type { ReactNode } from 'react';

/** Given when the action is drawn as an item of a menu: called before the action toggles. */
export interface AsMenuItem {
  onChosen(): void;
}

export function BarAction({
  open,
  controls,
  icon,
  label,
  onToggle,
  menu,
}: {
  open: boolean;
  controls: string;
  icon: ReactNode;
  label: string;
  onToggle(): void;
  menu?: AsMenuItem | undefined;
}) {
  if (menu)
    return (
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        aria-controls={controls}
        tabIndex={-1}
        onClick={() => {
          menu.onChosen();
          onToggle();
        }}
      >
        {icon}
        {label}
      </button>
    );
  return (
    <button
      type="button"
      className="bar-button bar-toggle"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      {icon}
      {label}
    </button>
  );
}
