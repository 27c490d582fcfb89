/** The analysis panel's element id (the toolbar button controls it; the map keeps clear of it). */
export const ANALYSIS_PANEL_ID = 'analysis-panel';
