/**
 * Transaction origins of the canvas Y.Doc. Echoes are recognised by origin, never by flags: whatever
 * arrives with origin FILE came from the TextDocument and must not be sent back to it; LOCAL changes
 * were already posted to the host as semantic ops when the gesture happened.
 *
 * A future transport (y-webrtc) is a provider that applies remote updates with ITSELF as the origin,
 * so its changes are distinguishable from both of these.
 */
export const LOCAL = 'local';
export const FILE = 'file';
export type Origin = typeof LOCAL | typeof FILE | object;
