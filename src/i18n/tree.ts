/** A nested table of UI strings, as i18next reads it. */
export type Tree = { [key: string]: string | Tree };
/** The same keys as T, every leaf a string: the Chinese table must match the English one key for key. */
export type SameShape<T> = { [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };
