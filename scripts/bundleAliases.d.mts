/** See bundleAliases.mjs. */
export declare const bundleAliases: Record<string, string>;
export declare const bundleExternals: string[];
