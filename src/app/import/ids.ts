// The import panel's element id: the preview's camera fits the map into the part it leaves free.
export const IMPORT_PANEL_ID = 'import-panel';
