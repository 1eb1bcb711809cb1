/**
 * A pipeline program runs in its own process group, so one signal reaches it and every ffmpeg or
 * speech child it started. If the engine itself dies (SIGKILL gives it no chance to clean up), this
 * guard, preloaded into node pipeline programs, kills their group: a killed render never leaves
 * pipelines writing behind it.
 */

const GUARD = `const p=process.ppid;setInterval(()=>{if(process.ppid!==p){try{process.kill(-process.pid,"SIGKILL")}catch{}process.exit(137)}},100).unref();`;
/** `node --import <this>` makes a node child exit with its group when its parent goes away. */
export const ORPHAN_GUARD = 'data:text/javascript,' + encodeURIComponent(GUARD);
