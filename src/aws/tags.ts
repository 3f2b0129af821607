// A resource's tags as AWS returns them: key to value.
export type Tags = Readonly<Record<string, string>>;
