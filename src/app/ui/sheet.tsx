// A modal sheet on the native <dialog> (focus kept inside, Escape closes, the page behind inert): a
// centred panel on a desktop, a bottom sheet on a tablet (CSS).
import { type ReactNode, useEffect, useId, useRef } from 'react';
import './ui.css';
import { CloseButton } from './close-button.tsx';

export function Sheet({
  title,
  closeLabel,
  onClose,
  children,
  className = '',
  role = 'dialog',
}: {
  title: string;
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  role?: 'dialog' | 'alertdialog';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // Whatever opened the sheet gets the focus back when it goes (Escape, ✕, save), not the page.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`sheet ${className}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        // The app's own Escape (clear the selection) must not also run behind the sheet.
        if (event.key === 'Escape') event.stopPropagation();
      }}
    >
      <header className="sheet-header">
        <h2 id={titleId}>{title}</h2>
        <CloseButton label={closeLabel} onClick={onClose} />
      </header>
      <div className="sheet-body">{children}</div>
    </dialog>
  );
}
