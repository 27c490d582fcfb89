// The ✕ of a panel, a sheet, a drawer or a picked photo: a 44 px icon button whose accessible name says
// what it closes or removes (the glyph itself is hidden from screen readers).
export function CloseButton({
  label,
  onClick,
  className,
}: {
  label: string;
  onClick(): void;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={className ? `icon-button ${className}` : 'icon-button'}
      aria-label={label}
      onClick={onClick}
    >
      <span aria-hidden="true">✕</span>
    </button>
  );
}
