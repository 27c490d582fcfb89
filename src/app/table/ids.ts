/** The table panel's element id (the toolbar button controls it; the camera keeps the map clear of it). */
export const TABLE_PANEL_ID = 'table-panel';
