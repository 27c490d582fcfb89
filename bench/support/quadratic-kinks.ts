// The self-intersection search as it was before the worst-case O(n log n) sweep (src/geo/kinks.ts),
// kept only as a reference: segments sorted by west edge, each compared with every later one that
// starts before its east edge. A comb whose edges all span the same longitudes makes it quadratic.
// The benchmark times it against the new search on the same data; a test checks that both list the
// same contacts.
import type { Position } from 'geojson';
import { type RingContact, segmentsForReference } from '../../src/geo/kinks.ts';

export function quadraticRingContacts(rings: readonly (readonly Position[])[], limit = 5): RingContact[] {
  const { total, west, east, south, north, order, test } = segmentsForReference(rings);
  const contacts: RingContact[] = [];
  for (let k = 0; k < total && contacts.length < limit; k++) {
    const i = order[k] as number;
    const e = east[i] as number;
    const so = south[i] as number;
    const no = north[i] as number;
    for (let m = k + 1; m < total; m++) {
      const j = order[m] as number;
      if ((west[j] as number) > e) break;
      if ((north[j] as number) < so || (south[j] as number) > no) continue;
      test(i, j, contacts);
    }
  }
  return contacts.slice(0, limit);
}
