// The screens opened from the user menu: 修改密码 and 导出数据 (everyone), 用户管理 and 导入数据
// (administrators), and the toolbar's 进度通报 (everyone), one at a time; and the import's preview (the file read in the browser, converted to lon/lat and mapped),
// drawn over the layers before anything is saved.
import type { FeatureCollection } from 'geojson';
import type { SliceCreator } from './slice.ts';

export type Screen = 'password' | 'accounts' | 'import' | 'export' | 'report';

export interface ScreensSlice {
  screen: Screen | null;
  /** The file being imported, as it would be saved; null when no import is open or nothing is read. */
  importPreview: FeatureCollection | null;
  openScreen(screen: Screen | null): void;
  setImportPreview(preview: FeatureCollection | null): void;
}

export const createScreensSlice: SliceCreator<ScreensSlice> = (set) => ({
  screen: null,
  importPreview: null,
  openScreen: (screen) => set(screen === 'import' ? { screen } : { screen, importPreview: null }),
  setImportPreview: (importPreview) => set({ importPreview }),
});
