// How a slice of the one store is written: it sees `set` and `get` typed with its own fields only, so a
// slice cannot reach into another by accident; where one action must change two slices (hiding a layer
// drops its selection) the two live in one slice.

export type SliceSet<Own> = (partial: Partial<Own> | ((state: Own) => Partial<Own>)) => void;
export type SliceCreator<Own> = (set: SliceSet<Own>, get: () => Own) => Own;
