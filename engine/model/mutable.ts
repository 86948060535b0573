/** A readonly record type made writable, for building an object field by field before handing it out. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
