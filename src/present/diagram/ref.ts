// What a click on the diagram reveals, shared by the model and its parts (the database tier's chips).

/** What a click reveals in the explorer: the node of this kind whose resource id (or ARN) is `id`, else `fallback`. */
export interface DiagramRef {
  readonly kind: string;
  readonly id: string;
  readonly fallback?: DiagramRef;
}
