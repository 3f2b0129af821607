// A practice record's tags: key to value, in AWS's order.
export type Tags = Record<string, string>;
