/** Plain JSON: what every answer of the API is made of. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A node's or relationship's properties as JSON. */
export type Properties = { [key: string]: Json };
