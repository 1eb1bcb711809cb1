/** See bundleAliases.mjs. */
export declare const bundleAliases: Record<string, string>;
