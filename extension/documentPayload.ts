import type { BmadDocument, ToWebview } from '../core';

/** A canvas as the protocol carries it to the webview (document, merge and compare messages). */
export type DocumentPayload = Extract<ToWebview, { type: 'document' }>['doc'];

/**
 * core's BmadDocument types params as a plain record, the protocol as the per-kind union. A parsed
 * document has had every node's params checked against its kind's schema, so it is that union; the
 * cast saves validating a large canvas a second time on every send.
 */
export const asMessage = (doc: BmadDocument): DocumentPayload => doc as unknown as DocumentPayload;
