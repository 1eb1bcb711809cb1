// Types of the parts of codeServer.mjs that TypeScript tests import.
export const baseSettings: Readonly<Record<string, unknown>>;
export function addMissingSettings(file: string, settings: Readonly<Record<string, unknown>>): string[];
