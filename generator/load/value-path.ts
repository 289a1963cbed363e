/** Where a value sits in a parsed spec: the keys and indexes from the document's root. */
export type Path = readonly (string | number)[];
