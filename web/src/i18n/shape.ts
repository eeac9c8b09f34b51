/** The same keys as T, with every leaf a string: a translation must cover every key. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
