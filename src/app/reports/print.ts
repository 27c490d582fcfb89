// While a printable sheet (the report, a dossier) is open, a class on <body> tells the print rules
// (report.css) to print that sheet alone: the map, the panels and the toolbars are left off the paper.
import { useEffect } from 'react';

export function usePrintClass(name: 'printing-report' | 'printing-dossier'): void {
  useEffect(() => {
    document.body.classList.add(name);
    return () => document.body.classList.remove(name);
  }, [name]);
}
