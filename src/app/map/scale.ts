// The status bar's scale: metres per CSS pixel in Web Mercator, a round bar length, and the
// representative fraction (1:n) at a 96-dpi screen. Pure.

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
/** MapLibre's tiles are 512 px at zoom 0. */
const TILE_SIZE_PX = 512;
const METRES_PER_CSS_PIXEL_ON_SCREEN = 0.0254 / 96;

export function metresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (TILE_SIZE_PX * 2 ** zoom);
}

export interface ScaleBar {
  /** The bar's ground length in metres (1, 2 or 5 × a power of ten). */
  metres: number;
  widthPx: number;
  label: string;
}

/** The longest round length that fits in `maxWidthPx`. */
export function scaleBar(mPerPx: number, maxWidthPx = 100): ScaleBar {
  const maxMetres = mPerPx * maxWidthPx;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  const step = [5, 2, 1].find((factor) => factor * power <= maxMetres) ?? 1;
  const metres = step * power;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, widthPx: metres / mPerPx, label };
}

/** `1:25,000`-style denominator, rounded to two significant figures. */
export function scaleDenominator(mPerPx: number): number {
  const exact = mPerPx / METRES_PER_CSS_PIXEL_ON_SCREEN;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(exact)) - 1);
  return Math.round(exact / magnitude) * magnitude;
}
